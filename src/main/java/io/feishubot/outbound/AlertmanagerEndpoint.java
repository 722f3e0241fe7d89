package io.feishubot.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Alertmanager's API v2 behind its own fault-tolerance policy: a press has Feishu's 3 s, so one
 * quick retry of a transient failure at most, a short attempt timeout, and a breaker of its own.
 * Settings under {@code
 * io.feishubot.outbound.AlertmanagerEndpoint/createSilence/<Annotation>/<parameter>}. Counted in
 * {@code feishu.alertmanager.calls}. Call it through {@link AlertmanagerApi}.
 */
@ApplicationScoped
public class AlertmanagerEndpoint {

  /** Name of this endpoint's circuit breaker. */
  public static final String CIRCUIT = "alertmanager";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MeterRegistry registry;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

  public AlertmanagerEndpoint(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Creates {@code silence} at {@code <base>/api/v2/silences} and returns its id.
   *
   * @throws AlertmanagerApiException when Alertmanager refuses or cannot be reached
   */
  @Retry(retryOn = {AlertmanagerApiException.Unavailable.class, TimeoutException.class})
  @CircuitBreaker(failOn = {AlertmanagerApiException.Unavailable.class, TimeoutException.class})
  @CircuitBreakerName(CIRCUIT)
  @Timeout
  public String createSilence(URI base, Silence silence) {
    // A base with a path (Alertmanager behind a prefix) keeps it.
    URI target = URI.create(base.toString().replaceAll("/+$", "") + "/api/v2/silences");
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(2))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body(silence), StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw failed(0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(0);
    }
    if (response.statusCode() != 200) {
      throw failed(response.statusCode());
    }
    String id;
    try {
      JsonNode answer = JSON.readTree(response.body());
      id = answer.path("silenceID").asText("");
    } catch (IOException e) {
      id = "";
    }
    if (id.isEmpty()) {
      throw failed(response.statusCode());
    }
    count("success");
    return id;
  }

  private AlertmanagerApiException failed(int httpStatus) {
    AlertmanagerApiException failure = AlertmanagerApiException.of("create silence", httpStatus);
    count(failure instanceof AlertmanagerApiException.Unavailable ? "transient" : "permanent");
    return failure;
  }

  private static String body(Silence silence) {
    ObjectNode json = JSON.createObjectNode();
    ArrayNode matchers = json.putArray("matchers");
    for (Silence.Matcher matcher : silence.matchers()) {
      matchers
          .addObject()
          .put("name", matcher.name())
          .put("value", matcher.value())
          .put("isRegex", false)
          .put("isEqual", true);
    }
    json.put("startsAt", silence.startsAt().toString());
    json.put("endsAt", silence.endsAt().toString());
    json.put("createdBy", silence.createdBy());
    json.put("comment", silence.comment());
    return json.toString();
  }

  private void count(String result) {
    Counter.builder("feishu.alertmanager.calls")
        .description("Calls to Alertmanager's API by operation and result")
        .tag("operation", "create_silence")
        .tag("result", result)
        .register(registry)
        .increment();
  }
}
