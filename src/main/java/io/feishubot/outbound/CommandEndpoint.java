package io.feishubot.outbound;

import io.feishubot.outbound.CommandCallException.EndpointDown;
import io.feishubot.outbound.CommandCallException.Kind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * The HTTP endpoints of configured commands ({@code feishu.commands.<name>.url}) behind one
 * fault-tolerance policy: a bulkhead on calls in flight and a circuit breaker, settings under
 * {@code io.feishubot.outbound.CommandEndpoint/call/<Annotation>/<parameter>}. The command's own
 * timeout bounds each request, body included (an FT {@code @Timeout} has one value for every
 * command). Counted in {@code feishu.command.calls{command,result}}. Blocking: call it from a job's
 * thread, through {@link CommandEndpoints}.
 *
 * <p>The URL and the secret never appear in an exception, log line or metric: a URL may carry a
 * token, and failures name the command instead.
 */
@ApplicationScoped
public class CommandEndpoint {

  /** Name of the circuit breaker shared by every configured command's endpoint. */
  public static final String CIRCUIT = "configured-commands";

  public static final String TIMESTAMP_HEADER = "X-Feishu-Bot-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Feishu-Bot-Signature";
  public static final String EVENT_ID_HEADER = "X-Feishu-Bot-Event-Id";

  /**
   * The most of an answer that is read: above Feishu's largest message (150 KB of text) with room
   * for JSON around it. A longer answer could never be posted.
   */
  static final int MAX_ANSWER_BYTES = 256 * 1024;

  private static final int MAX_MEDIA_TYPE_CHARS = 80;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final Clock clock;
  private final MeterRegistry registry;
  // HTTP/1.1: no h2c upgrade attempt against plain-http internal endpoints. Redirects are not
  // followed: a POST that may deploy something is sent to the configured address only.
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(CONNECT_TIMEOUT)
          .build();

  public CommandEndpoint(Clock clock, MeterRegistry registry) {
    this.clock = clock;
    this.registry = registry;
  }

  /**
   * POSTs the call's body, signed when the command has a secret, and returns the endpoint's 2xx
   * answer.
   *
   * <p>Never retried: the endpoint may deploy, roll back or page someone, and a request that timed
   * out may still have been acted on. The {@code X-Feishu-Bot-Event-Id} header lets the receiver
   * recognise a repeat should Feishu's redelivery or a job's retry send one anyway.
   *
   * @throws CommandCallException when the endpoint gives no usable answer ({@link EndpointDown}
   *     when it is unreachable, too slow or answers 5xx: only those open the circuit)
   */
  @CircuitBreaker(failOn = EndpointDown.class)
  @CircuitBreakerName(CIRCUIT)
  @Bulkhead
  public CommandAnswer call(CommandCall call) {
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(call.url())
            .timeout(call.timeout())
            .header("Content-Type", "application/json; charset=utf-8")
            .header("Accept", "text/plain, application/json")
            .header(TIMESTAMP_HEADER, Long.toString(timestamp))
            .header(EVENT_ID_HEADER, call.eventId())
            .POST(HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8));
    call.secret()
        .ifPresent(
            secret ->
                request.header(
                    SIGNATURE_HEADER, CommandSignature.sign(secret, timestamp, call.body())));
    HttpResponse<byte[]> response = exchange(call, request.build());
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw failed(
          call,
          status >= 500
              ? new EndpointDown(Kind.HTTP_STATUS, status)
              : new CommandCallException(Kind.HTTP_STATUS, status));
    }
    Optional<String> contentType = response.headers().firstValue("Content-Type");
    count(call, "answered");
    return new CommandAnswer(
        status,
        contentType.map(CommandEndpoint::mediaType),
        new String(response.body(), charset(contentType)));
  }

  /** The whole exchange, body included, within the command's timeout. */
  private HttpResponse<byte[]> exchange(CommandCall call, HttpRequest request) {
    CompletableFuture<HttpResponse<byte[]>> pending =
        client.sendAsync(request, info -> new BoundedBody(MAX_ANSWER_BYTES));
    try {
      return pending.get(call.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw failed(call, new EndpointDown(Kind.TIMEOUT, -1));
    } catch (InterruptedException e) {
      // The job was cut off (its own timeout, or shutdown): the request goes with it.
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw failed(call, new EndpointDown(Kind.TIMEOUT, -1));
    } catch (ExecutionException e) {
      // The transport's messages may quote the address: only the kind of failure is kept.
      Throwable cause = e.getCause();
      if (cause instanceof BoundedBody.TooLarge) {
        throw failed(call, new CommandCallException(Kind.TOO_LARGE, -1));
      }
      if (cause instanceof HttpTimeoutException) {
        throw failed(call, new EndpointDown(Kind.TIMEOUT, -1));
      }
      // Refused or reset connections, unknown hosts, TLS failures, a body cut short.
      throw failed(call, new EndpointDown(Kind.UNREACHABLE, -1));
    }
  }

  private CommandCallException failed(CommandCall call, CommandCallException failure) {
    count(call, failure.kind().name().toLowerCase(Locale.ROOT));
    return failure;
  }

  /** Shown in replies and logs: kept short, whatever the endpoint sends. */
  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    String mediaType =
        (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
            .strip()
            .toLowerCase(Locale.ROOT);
    return mediaType.length() > MAX_MEDIA_TYPE_CHARS
        ? mediaType.substring(0, MAX_MEDIA_TYPE_CHARS)
        : mediaType;
  }

  private static Charset charset(Optional<String> contentType) {
    if (contentType.isPresent()) {
      for (String parameter : contentType.get().split(";")) {
        String[] pair = parameter.strip().split("=", 2);
        if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
          try {
            return Charset.forName(pair[1].strip().replace("\"", ""));
          } catch (IllegalArgumentException unknown) {
            return StandardCharsets.UTF_8;
          }
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  private void count(CommandCall call, String result) {
    Counter.builder("feishu.command.calls")
        .description("Calls to configured commands' endpoints by command and result")
        .tag("command", call.command())
        .tag("result", result)
        .register(registry)
        .increment();
  }
}
