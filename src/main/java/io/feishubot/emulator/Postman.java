package io.feishubot.emulator;

import io.feishubot.config.FeishuConfig;
import io.feishubot.emulator.DeliveryLog.Entry;
import io.feishubot.emulator.DeliveryLog.Kind;
import io.feishubot.emulator.DeliveryLog.Sent;
import io.feishubot.emulator.OutcomeProbe.Outcome;
import io.quarkus.vertx.http.HttpServer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Delivers events to the bot exactly as Feishu does: sealed ({@link DeliverySealer}) and posted
 * over loopback HTTP to the app's own {@code /feishu/events}, so every check of the real path runs.
 * Each delivery is logged with its HTTP status, latency and the outcome the bot counted.
 *
 * <p>One delivery at a time: {@link OutcomeProbe} reads the outcome off a shared counter.
 */
@ApplicationScoped
public class Postman {

  static final String EVENTS_PATH = "/feishu/events";

  /** A finished delivery: its log entry, and the bot's whole answer ({@code null} if none). */
  record Delivered(Entry entry, String body) {}

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String NO_SERVER = "no HTTP server to post to (Lambda build)";

  private final DeliverySealer sealer;
  private final OutcomeProbe probe;
  private final DeliveryLog log;
  private final Instance<HttpServer> server;
  // HTTP/1.1, as Feishu posts: the JDK's default would first offer an h2c upgrade.
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private CompletableFuture<?> queue = CompletableFuture.completedFuture(null);

  public Postman(
      FeishuConfig config,
      OutcomeProbe probe,
      DeliveryLog log,
      Instance<HttpServer> server,
      Clock clock) {
    this.sealer = new DeliverySealer(config.encryptKey(), clock);
    this.probe = probe;
    this.log = log;
    this.server = server;
  }

  /** A delivery of {@code sent}; completes once the bot has answered. */
  public Uni<Delivered> deliver(Sent sent, Kind kind) {
    CompletableFuture<Delivered> done;
    synchronized (this) {
      done =
          queue
              .handle((ignored, failure) -> null)
              .thenCompose(ready -> post(sent, kind))
              .toCompletableFuture();
      queue = done;
    }
    return Uni.createFrom().completionStage(done);
  }

  private CompletionStage<Delivered> post(Sent sent, Kind kind) {
    int id = log.start(sent, kind);
    Optional<URI> events = eventsUri();
    if (events.isEmpty()) {
      return CompletableFuture.completedFuture(
          new Delivered(log.finish(id, 0, 0, "no answer", NO_SERVER, null), null));
    }
    DeliverySealer.Sealed sealed = sealer.seal(sent.plaintext(), kind == Kind.TAMPERED);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(events.get())
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(sealed.body()));
    sealed.headers().forEach(request::header);
    Map<Outcome, Double> before = probe.snapshot();
    long start = System.nanoTime();
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .handle(
            (response, failure) -> {
              long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
              if (failure != null) {
                return new Delivered(
                    log.finish(
                        id, 0, millis, "no answer", failure.getClass().getSimpleName(), null),
                    null);
              }
              Outcome outcome =
                  OutcomeProbe.counted(before, probe.snapshot())
                      .orElseGet(() -> fromStatus(response.statusCode()));
              Entry entry =
                  log.finish(
                      id,
                      response.statusCode(),
                      millis,
                      outcome.outcome(),
                      "none".equals(outcome.reason()) ? null : outcome.reason(),
                      response.body());
              return new Delivered(entry, response.body());
            });
  }

  /** When the counter cannot tell (the bot failed before counting), the status says what it can. */
  private static Outcome fromStatus(int status) {
    if (status >= 200 && status < 300) {
      return new Outcome("answered", null);
    }
    return new Outcome(status == 503 ? "retry" : status < 500 ? "rejected" : "failed", null);
  }

  /**
   * The app's own address, as the running server reports it: never a header from a request. Empty
   * where no HTTP server runs (the Lambda build serves API Gateway events instead).
   */
  private Optional<URI> eventsUri() {
    try {
      return Optional.of(server.get().getLocalBaseUri().resolve(EVENTS_PATH));
    } catch (RuntimeException noServer) {
      return Optional.empty();
    }
  }
}
