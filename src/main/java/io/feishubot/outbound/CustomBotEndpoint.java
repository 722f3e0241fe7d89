package io.feishubot.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * A group custom bot's hook behind its own fault-tolerance policy: retries of transient failures
 * (throttling, 5xx, no answer) within the caller's deadline, an attempt timeout and its own circuit
 * breaker. Feishu's rate for a custom bot is kept by {@link CustomBotSender} before each post.
 * Settings under {@code io.feishubot.outbound.CustomBotEndpoint/post/<Annotation>/<parameter>}.
 *
 * <p>The hook URL is a credential: it never appears in an exception, log line or metric; failures
 * name the endpoint as {@code custom_bot}. Blocking: call it from a worker thread.
 */
@ApplicationScoped
public class CustomBotEndpoint {

  /** Name of this endpoint's circuit breaker. */
  public static final String CIRCUIT = "feishu-custom-bot";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MESSAGE_CHARS = 200;

  private final OutboundAttempts attempts;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  public CustomBotEndpoint(OutboundAttempts attempts) {
    this.attempts = attempts;
  }

  /** Posts {@code body} (JSON, signed already if the bot wants it) to {@code hook}. */
  @Retry
  @RetryWhen(exception = RetryableWithinBudget.class)
  @CustomBackoff(FeishuBackoff.class)
  @CircuitBreaker(failOn = {TransientFeishuException.class, TimeoutException.class})
  @CircuitBreakerName(CIRCUIT)
  @Timeout
  public CustomBotAnswer post(URI hook, String body, Instant deadline) {
    return attempts.attempt(OpenApiEndpoint.CUSTOM_BOT, deadline, () -> exchange(hook, body));
  }

  private CustomBotAnswer exchange(URI hook, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(hook)
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The transport's message may quote the address: only that there was no answer is kept.
      throw new OpenApiErrorResponse(FailureKind.NO_ANSWER, -1, "no answer", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpenApiErrorResponse(
          FailureKind.NO_ANSWER, -1, "attempt cut off by its timeout", null);
    }
    int code = -1;
    String msg = "";
    try {
      JsonNode answer = JSON.readTree(response.body());
      code = answer.path("code").asInt(-1);
      msg = redacted(answer.path("msg").asText(""), hook);
    } catch (IOException | RuntimeException notJson) {
      msg = "non-JSON answer";
    }
    if (response.statusCode() >= 300) {
      throw new OpenApiErrorResponse(response.statusCode(), code, msg, null);
    }
    return new CustomBotAnswer(code, msg);
  }

  /** Feishu's {@code msg}, short, and without the hook's token should it ever quote it. */
  private static String redacted(String msg, URI hook) {
    String path = hook.getRawPath() == null ? "" : hook.getRawPath();
    String hookToken = path.substring(path.lastIndexOf('/') + 1);
    String shown = hookToken.isEmpty() ? msg : msg.replace(hookToken, "***");
    return shown.length() > MAX_MESSAGE_CHARS ? shown.substring(0, MAX_MESSAGE_CHARS) : shown;
  }
}
