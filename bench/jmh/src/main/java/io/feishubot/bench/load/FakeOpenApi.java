package io.feishubot.bench.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.feishubot.bench.Deliveries;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays the two Open API calls a bot makes, on loopback, and counts them: the tenant token (valid
 * 7200 s by default, like Feishu's) and message replies, which demand that token. {@code GET
 * /stats} answers {@code tokens replies rejected}. Usage: {@code FakeOpenApi <port>
 * [token-lifetime-seconds]}; a short lifetime shows the token refresh policy in seconds.
 */
public final class FakeOpenApi {

  private static int expireSeconds = 7200;
  static final String TOKEN_PATH = "/open-apis/auth/v3/tenant_access_token/internal";

  private static final AtomicLong TOKENS = new AtomicLong();
  private static final AtomicLong REPLIES = new AtomicLong();
  private static final AtomicLong REJECTED = new AtomicLong();

  private FakeOpenApi() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    if (args.length > 1) {
      expireSeconds = Integer.parseInt(args[1]);
    }
    serve("fake Open API", port, 16, FakeOpenApi::handle);
  }

  /** Serves {@code handler} on loopback {@code port} with {@code threads} threads. */
  static void serve(String name, int port, int threads, HttpHandler handler) throws IOException {
    // Without TCP_NODELAY the JDK server's header and body writes meet the client's delayed ACK,
    // and every answer waits ~40 ms: the fake, not the bot, would set the pace.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
    server.setExecutor(Executors.newFixedThreadPool(threads));
    server.createContext("/", handler);
    server.start();
    System.out.println(name + " on 127.0.0.1:" + port);
  }

  private static void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = read(exchange.getRequestBody());
      String path = exchange.getRequestURI().getPath();
      if ("GET".equals(exchange.getRequestMethod()) && "/stats".equals(path)) {
        send(exchange, 200, TOKENS.get() + " " + REPLIES.get() + " " + REJECTED.get());
      } else if (TOKEN_PATH.equals(path)) {
        TOKENS.incrementAndGet();
        if (body.contains(Deliveries.APP_ID) && body.contains(Deliveries.APP_SECRET)) {
          send(
              exchange,
              200,
              "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\""
                  + Deliveries.TENANT_TOKEN
                  + "\",\"expire\":"
                  + expireSeconds
                  + "}");
        } else {
          REJECTED.incrementAndGet();
          send(exchange, 200, "{\"code\":10014,\"msg\":\"app secret invalid\"}");
        }
      } else if (path.startsWith("/open-apis/im/v1/messages/") && path.endsWith("/reply")) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (("Bearer " + Deliveries.TENANT_TOKEN).equals(auth)) {
          REPLIES.incrementAndGet();
          send(
              exchange,
              200,
              "{\"code\":0,\"msg\":\"success\",\"data\":{\"message_id\":\"om_reply\","
                  + "\"msg_type\":\"text\"}}");
        } else {
          REJECTED.incrementAndGet();
          send(exchange, 400, "{\"code\":99991663,\"msg\":\"Invalid access token\"}");
        }
      } else {
        if ("POST".equals(exchange.getRequestMethod())) {
          REJECTED.incrementAndGet(); // GETs are the bench script's readiness probes
        }
        send(exchange, 404, "{\"code\":404,\"msg\":\"not found\"}");
      }
    }
  }

  static String read(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
