package io.feishubot.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in of Lambda's Invoke API on loopback: {@code POST
 * /2015-03-31/functions/{name}/invocations}. An asynchronous invocation ({@code
 * X-Amz-Invocation-Type: Event}) is answered 202 at once and then, when a function is attached,
 * delivered the way Lambda delivers it (a {@code DryRun} is answered 204 and counted apart): the
 * payload is posted to the function's Runtime API (the Quarkus Lambda mock event server's {@code
 * /_lambda_} entry), and a function error (the mock server's 500) is retried twice before the event
 * goes to the on-failure destination. Lambda waits 1 and 2 minutes between attempts; this stand-in
 * does not wait. Anything else is answered as Lambda would refuse it.
 */
public final class LambdaInvokeApi implements AutoCloseable {

  /** Lambda's default for asynchronous invocations, and what serverless.yml sets. */
  public static final int MAXIMUM_RETRY_ATTEMPTS = 2;

  private static final Pattern INVOKE =
      Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");

  /** One request to the Invoke API, as it arrived. */
  public record Invocation(
      String functionName,
      String qualifier,
      String invocationType,
      String authorization,
      byte[] payload) {}

  private final HttpServer server;
  private final ExecutorService deliveries = Executors.newSingleThreadExecutor();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Invocation> invocations = new ArrayList<>();
  private final List<Integer> attempts = new ArrayList<>();
  private final List<byte[]> failureDestination = new ArrayList<>();
  private final AtomicInteger failuresToAnswer = new AtomicInteger();
  private final AtomicInteger dryRuns = new AtomicInteger();
  private volatile int failureStatus;
  private volatile URI function;

  private LambdaInvokeApi(HttpServer server) {
    this.server = server;
  }

  public static LambdaInvokeApi start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      LambdaInvokeApi api = new LambdaInvokeApi(server);
      server.createContext("/", api::handle);
      server.start();
      return api;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the Invoke API stand-in", e);
    }
  }

  /** What {@code AWS_ENDPOINT_URL_LAMBDA} points at. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Delivers accepted events to the function whose mock event server is at {@code base} (its {@code
   * /_lambda_} entry takes raw events); without it they are only recorded.
   */
  public void attachFunction(URI base) {
    this.function = base.resolve("/_lambda_");
  }

  /** Answers the next {@code times} invocations with {@code status} instead of accepting them. */
  public void refuseNext(int times, int status) {
    failureStatus = status;
    failuresToAnswer.set(times);
  }

  /** How many dry runs (the bot's warm-up at startup) arrived; they are not invocations. */
  public int dryRuns() {
    return dryRuns.get();
  }

  /** The invocations that would run the function, in order. */
  public synchronized List<Invocation> invocations() {
    return List.copyOf(invocations);
  }

  /** The mock event server's answer to each delivery attempt: 200 ran, 500 a function error. */
  public synchronized List<Integer> attempts() {
    return List.copyOf(attempts);
  }

  /** Events whose every attempt failed: what the on-failure queue would receive. */
  public synchronized List<byte[]> failureDestination() {
    return List.copyOf(failureDestination);
  }

  public synchronized void reset() {
    invocations.clear();
    attempts.clear();
    failureDestination.clear();
    failuresToAnswer.set(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      byte[] payload = in.readAllBytes();
      Matcher path = INVOKE.matcher(exchange.getRequestURI().getPath());
      if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
        answer(exchange, 404, "{\"Type\":\"User\",\"message\":\"UnknownOperationException\"}");
        return;
      }
      String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
      if ("DryRun".equals(type)) {
        // Lambda checks the request and the caller's permission, runs nothing, answers 204.
        dryRuns.incrementAndGet();
        exchange.sendResponseHeaders(204, -1);
        return;
      }
      synchronized (this) {
        invocations.add(
            new Invocation(
                path.group(1),
                qualifier(exchange.getRequestURI().getRawQuery()),
                type,
                exchange.getRequestHeaders().getFirst("Authorization"),
                payload));
      }
      if (failuresToAnswer.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        answer(exchange, failureStatus, "{\"Type\":\"Service\",\"message\":\"stand-in failure\"}");
        return;
      }
      if (!"Event".equals(type)) {
        // Only asynchronous invocations are expected of the bot; refuse loudly otherwise.
        answer(exchange, 400, "{\"Type\":\"User\",\"message\":\"expected an Event invocation\"}");
        return;
      }
      exchange.sendResponseHeaders(202, -1);
      URI target = function;
      if (target != null) {
        deliveries.execute(() -> deliver(target, payload));
      }
    }
  }

  private static String qualifier(String query) {
    if (query == null) {
      return null;
    }
    for (String parameter : query.split("&")) {
      if (parameter.startsWith("Qualifier=")) {
        return URLDecoder.decode(
            parameter.substring("Qualifier=".length()), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private void deliver(URI target, byte[] event) {
    for (int attempt = 0; attempt <= MAXIMUM_RETRY_ATTEMPTS; attempt++) {
      int status = post(target, event);
      synchronized (this) {
        attempts.add(status);
      }
      if (status == 200) {
        return;
      }
    }
    synchronized (this) {
      failureDestination.add(event);
    }
  }

  private int post(URI target, byte[] event) {
    try {
      return http.send(
              HttpRequest.newBuilder(target)
                  .timeout(Duration.ofSeconds(60))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(event))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    deliveries.shutdownNow();
  }
}
