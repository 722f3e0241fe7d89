import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cold start of one runtime variant: process start to the first acknowledged signed, encrypted
 * {@code /ping}, whose reply must reach a local fake Open API. Median of N runs.
 *
 * <pre>
 * java bench/ColdStart.java http   [runs] [workdir] -- java -jar quarkus-run.jar
 * java bench/ColdStart.java lambda [runs] [workdir] -- java -cp ... AWSLambda handler
 * </pre>
 *
 * {@code http}: the child gets PORT and is polled with POST /feishu/events until it answers 200.
 * {@code lambda}: this program plays the Lambda Runtime API (AWS_LAMBDA_RUNTIME_API) and hands the
 * child an API Gateway HTTP API (payload 2.0) event with a base64 body and lower-cased headers; the
 * time is taken when the function posts its response.
 */
public class ColdStart {

  static final String APP_ID = "cli_bench";
  static final String APP_SECRET = "bench-app-secret";
  static final String TOKEN = "bench-verification-token";
  static final String ENCRYPT_KEY = "bench encrypt key";
  static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

  public static void main(String[] args) throws Exception {
    try {
      measure(args);
      System.exit(0);
    } catch (Exception e) {
      e.printStackTrace();
      // The fake servers' threads would keep the JVM alive.
      System.exit(1);
    }
  }

  static void measure(String[] args) throws Exception {
    int sep = Arrays.asList(args).indexOf("--");
    if (sep < 1) {
      System.err.println("usage: ColdStart http|lambda [runs] [workdir] -- command...");
      System.exit(2);
    }
    String mode = args[0];
    int runs = sep > 1 ? Integer.parseInt(args[1]) : 5;
    Path workdir = Path.of(sep > 2 ? args[2] : ".");
    List<String> command = List.of(args).subList(sep + 1, args.length);

    FakeOpenApi openApi = new FakeOpenApi();
    List<Long> millis = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      long ms =
          mode.equals("lambda")
              ? lambdaRun(command, workdir, openApi)
              : httpRun(command, workdir, openApi);
      millis.add(ms);
      System.out.printf("run %d: %d ms (replies so far: %d)%n", run, ms, openApi.replies.size());
    }
    if (openApi.replies.size() != runs) {
      throw new IllegalStateException("expected one reply per run, got " + openApi.replies.size());
    }
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    System.out.printf("median of %d: %d ms  (all: %s)%n", runs, sorted.get(runs / 2), millis);
    openApi.server.stop(0);
  }

  static long httpRun(List<String> command, Path workdir, FakeOpenApi openApi) throws Exception {
    int port = freePort();
    ProcessBuilder builder = child(command, workdir, openApi);
    builder.environment().put("PORT", Integer.toString(port));
    int repliesBefore = openApi.replies.size();
    long start = System.nanoTime();
    Process process = builder.start();
    try {
      URI uri = URI.create("http://127.0.0.1:" + port + "/feishu/events");
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("process exited with " + process.exitValue());
        }
        Delivery delivery = Delivery.ping();
        HttpRequest.Builder request =
            HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body));
        delivery.headers.forEach(request::header);
        request.header("Content-Type", "application/json");
        try {
          HttpResponse<String> response =
              CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200 && response.body().contains("success")) {
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            awaitReply(openApi, repliesBefore);
            if (repliesBefore == 0) {
              showOperations(port);
            }
            return ms;
          }
          if (response.statusCode() != 404 && response.statusCode() != 503) {
            throw new IllegalStateException(
                "answer " + response.statusCode() + " " + response.body());
          }
        } catch (ConnectException | java.net.http.HttpConnectTimeoutException e) {
          // not listening yet
        }
        Thread.sleep(5);
      }
    } finally {
      stop(process);
    }
  }

  static long lambdaRun(List<String> command, Path workdir, FakeOpenApi openApi) throws Exception {
    RuntimeApi runtime = new RuntimeApi();
    ProcessBuilder builder = child(command, workdir, openApi);
    Map<String, String> env = builder.environment();
    env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + runtime.server.getAddress().getPort());
    env.put("AWS_LAMBDA_FUNCTION_NAME", "feishu-bot-bench-events");
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1769");
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/feishu-bot-bench-events");
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", "bench");
    env.put("AWS_REGION", "ap-southeast-1");
    env.put("_HANDLER", command.get(command.size() - 1));
    Delivery delivery = Delivery.ping();
    runtime.events.add(apiGatewayEvent(delivery));
    int repliesBefore = openApi.replies.size();
    long start = System.nanoTime();
    Process process = builder.start();
    try {
      String response = null;
      for (int i = 0; i < 600 && response == null; i++) {
        if (!process.isAlive()) {
          throw new IllegalStateException("process exited with " + process.exitValue());
        }
        response = runtime.responses.poll(100, TimeUnit.MILLISECONDS);
      }
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      if (response == null || !response.contains("\"statusCode\":200")) {
        throw new IllegalStateException("function answered " + response);
      }
      awaitReply(openApi, repliesBefore);
      return ms;
    } finally {
      stop(process);
      runtime.server.stop(0);
    }
  }

  /** After the first run: readiness and the bot's own meters, as Prometheus would scrape them. */
  static void showOperations(int port) throws Exception {
    String base = "http://127.0.0.1:" + port;
    HttpResponse<String> ready =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
            HttpResponse.BodyHandlers.ofString());
    System.out.println(
        "GET /q/health/ready -> "
            + ready.statusCode()
            + " "
            + ready.body().replaceAll("\\s+", " "));
    HttpResponse<String> metrics =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    System.out.println("GET /q/metrics -> " + metrics.statusCode());
    metrics
        .body()
        .lines()
        .filter(line -> line.startsWith("feishu_") && !line.contains("_bucket"))
        .forEach(line -> System.out.println("  " + line));
  }

  static ProcessBuilder child(List<String> command, Path workdir, FakeOpenApi openApi) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workdir.toFile());
    builder
        .redirectErrorStream(true)
        .redirectOutput(Path.of("target/coldstart-child.log").toAbsolutePath().toFile());
    Map<String, String> env = builder.environment();
    env.put("FEISHU_APP_ID", APP_ID);
    env.put("FEISHU_APP_SECRET", APP_SECRET);
    env.put("FEISHU_VERIFICATION_TOKEN", TOKEN);
    env.put("FEISHU_ENCRYPT_KEY", ENCRYPT_KEY);
    env.put("FEISHU_API_BASE_URL", "http://127.0.0.1:" + openApi.server.getAddress().getPort());
    return builder;
  }

  static void awaitReply(FakeOpenApi openApi, int before) throws InterruptedException {
    for (int i = 0; i < 200 && openApi.replies.size() <= before; i++) {
      Thread.sleep(10);
    }
    if (openApi.replies.size() <= before) {
      throw new IllegalStateException("acknowledged, but no reply reached the Open API");
    }
  }

  static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static String apiGatewayEvent(Delivery delivery) {
    StringBuilder headers = new StringBuilder();
    delivery.headers.forEach(
        (name, value) ->
            headers.append(String.format("\"%s\":\"%s\",", name.toLowerCase(), value)));
    long now = System.currentTimeMillis();
    return "{\"version\":\"2.0\",\"routeKey\":\"POST /feishu/events\",\"rawPath\":\"/feishu/events\","
        + "\"rawQueryString\":\"\",\"headers\":{"
        + headers
        + "\"content-type\":\"application/json; charset=utf-8\",\"host\":\"bench.execute-api.local\","
        + "\"content-length\":\""
        + delivery.body.length
        + "\"},"
        + "\"requestContext\":{\"accountId\":\"123456789012\",\"apiId\":\"bench\",\"domainName\":\"bench.execute-api.local\","
        + "\"http\":{\"method\":\"POST\",\"path\":\"/feishu/events\",\"protocol\":\"HTTP/1.1\",\"sourceIp\":\"127.0.0.1\",\"userAgent\":\"bench\"},"
        + "\"requestId\":\""
        + UUID.randomUUID()
        + "\",\"routeKey\":\"POST /feishu/events\",\"stage\":\"$default\",\"timeEpoch\":"
        + now
        + "},"
        + "\"body\":\""
        + Base64.getEncoder().encodeToString(delivery.body)
        + "\",\"isBase64Encoded\":true}";
  }

  /** A signed, encrypted im.message.receive_v1 carrying "/ping" from a user. */
  record Delivery(byte[] body, Map<String, String> headers) {
    static Delivery ping() {
      String eventId = UUID.randomUUID().toString().replace("-", "");
      String json =
          "{\"schema\":\"2.0\",\"header\":{\"event_id\":\""
              + eventId
              + "\",\"event_type\":\"im.message.receive_v1\","
              + "\"create_time\":\""
              + System.currentTimeMillis()
              + "\",\"token\":\""
              + TOKEN
              + "\",\"app_id\":\""
              + APP_ID
              + "\","
              + "\"tenant_key\":\"tk_bench\"},\"event\":{\"sender\":{\"sender_id\":{\"open_id\":\"ou_bench\"},"
              + "\"sender_type\":\"user\",\"tenant_key\":\"tk_bench\"},\"message\":{\"message_id\":\"om_"
              + eventId
              + "\","
              + "\"chat_id\":\"oc_bench\",\"chat_type\":\"p2p\",\"message_type\":\"text\",\"content\":\"{\\\"text\\\":\\\"/ping\\\"}\"}}}";
      byte[] body = ("{\"encrypt\":\"" + encrypt(json) + "\"}").getBytes(StandardCharsets.UTF_8);
      String ts = Long.toString(System.currentTimeMillis() / 1000);
      String nonce = UUID.randomUUID().toString();
      return new Delivery(
          body,
          Map.of(
              "X-Lark-Request-Timestamp", ts,
              "X-Lark-Request-Nonce", nonce,
              "X-Lark-Signature", sign(ts, nonce, body)));
    }

    // Feishu's scheme, written out with the JDK (as infra/local/SendEvent.java does) so that this
    // program needs no product classes and runs on any Java 17+: AES-256-CBC with the SHA-256 of
    // the encrypt key, a random IV in front, base64; the signature is the hex SHA-256 of
    // timestamp + nonce + encrypt key + body.
    static String encrypt(String plaintext) {
      try {
        byte[] key =
            MessageDigest.getInstance("SHA-256")
                .digest(ENCRYPT_KEY.getBytes(StandardCharsets.UTF_8));
        byte[] iv = new byte[16];
        new SecureRandom().nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        byte[] encrypted = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] out = Arrays.copyOf(iv, iv.length + encrypted.length);
        System.arraycopy(encrypted, 0, out, iv.length, encrypted.length);
        return Base64.getEncoder().encodeToString(out);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    static String sign(String timestamp, String nonce, byte[] body) {
      try {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update((timestamp + nonce + ENCRYPT_KEY).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha256.digest(body));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The two Open API calls a /ping makes: the token and the reply. */
  static final class FakeOpenApi {
    final HttpServer server;
    final List<String> replies = new CopyOnWriteArrayList<>();

    FakeOpenApi() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(Executors.newCachedThreadPool());
      server.createContext(
          "/open-apis/auth/v3/tenant_access_token/internal",
          exchange -> {
            String body = read(exchange);
            boolean valid = body.contains(APP_ID) && body.contains(APP_SECRET);
            respond(
                exchange,
                200,
                valid
                    ? "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-bench\",\"expire\":7200}"
                    : "{\"code\":10014,\"msg\":\"app secret invalid\"}");
          });
      server.createContext(
          "/open-apis/im/v1/messages/",
          exchange -> {
            read(exchange);
            if (!"Bearer t-bench".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
              respond(exchange, 400, "{\"code\":99991663,\"msg\":\"Invalid access token\"}");
              return;
            }
            replies.add(exchange.getRequestURI().getPath());
            respond(
                exchange,
                200,
                "{\"code\":0,\"msg\":\"success\",\"data\":{\"message_id\":\"om_reply\"}}");
          });
      server.start();
    }
  }

  /**
   * The Lambda Runtime API: one event on /next, its /response collected; later /next calls wait.
   */
  static final class RuntimeApi {
    final HttpServer server;
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    final BlockingQueue<String> responses = new LinkedBlockingQueue<>();

    RuntimeApi() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(Executors.newCachedThreadPool());
      server.createContext(
          "/2018-06-01/runtime/",
          exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = read(exchange);
            try {
              if (path.endsWith("/invocation/next")) {
                String event = events.poll(120, TimeUnit.SECONDS);
                if (event == null) {
                  respond(exchange, 500, "{}");
                  return;
                }
                var headers = exchange.getResponseHeaders();
                headers.add("Lambda-Runtime-Aws-Request-Id", UUID.randomUUID().toString());
                headers.add(
                    "Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 6000));
                headers.add(
                    "Lambda-Runtime-Invoked-Function-Arn",
                    "arn:aws:lambda:ap-southeast-1:123456789012:function:feishu-bot-bench-events");
                headers.add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
                respond(exchange, 200, event);
              } else if (path.endsWith("/response")) {
                responses.add(body);
                respond(exchange, 202, "{}");
              } else {
                // .../error or /runtime/init/error
                responses.add("error " + path + " " + body);
                respond(exchange, 202, "{}");
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      server.start();
    }
  }

  static String read(HttpExchange exchange) throws IOException {
    return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
  }

  static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
