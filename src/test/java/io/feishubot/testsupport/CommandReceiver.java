package io.feishubot.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A platform team's endpoint for configured commands, on loopback: records every request, checks
 * its signature with its own HMAC code (as a receiver following the README would, not the bot's
 * function), and answers as told, after a delay if told.
 */
public final class CommandReceiver implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received. */
  public record Received(
      Map<String, List<String>> headers, String body, Optional<Boolean> signatureValid) {

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("request body is not JSON", e);
      }
    }
  }

  /** How the endpoint answers. */
  public record Answer(int status, String contentType, String body, Duration delay) {

    public static Answer text(String text) {
      return new Answer(200, "text/plain; charset=utf-8", text, Duration.ZERO);
    }

    public static Answer json(String json) {
      return new Answer(200, "application/json", json, Duration.ZERO);
    }

    public static Answer status(int status) {
      return new Answer(
          status, "text/plain", "internal details the bot must not repeat", Duration.ZERO);
    }

    public Answer after(Duration wait) {
      return new Answer(status, contentType, body, wait);
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Optional<String> secret;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile Answer answer = Answer.text("ok");

  private CommandReceiver(Optional<String> secret) throws IOException {
    this.secret = secret;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /** Checks signatures with {@code secret}. */
  public static CommandReceiver signedWith(String secret) throws IOException {
    return new CommandReceiver(Optional.of(secret));
  }

  /** Checks no signature. */
  public static CommandReceiver unsigned() throws IOException {
    return new CommandReceiver(Optional.empty());
  }

  /** The endpoint's URL; its path and query look like a credential, for leak checks. */
  public String url() {
    return "http://127.0.0.1:"
        + server.getAddress().getPort()
        + "/chatops/hook-7f3a9c?token=url-token-5e1d";
  }

  public CommandReceiver answering(Answer answer) {
    this.answer = answer;
    return this;
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, List<String>> headers =
        exchange.getRequestHeaders().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
    Received request = new Received(headers, body, secret.map(key -> verify(key, exchange, body)));
    received.add(request);
    Answer now = answer;
    try {
      if (!now.delay().isZero()) {
        Thread.sleep(now.delay()); // the endpoint's own slowness, which the test is about
      }
      byte[] bytes = now.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", now.contentType());
      exchange.sendResponseHeaders(now.status(), now.status() == 204 ? -1 : bytes.length);
      if (now.status() != 204) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (InterruptedException | IOException e) {
      // the bot gave up on us (timeout tests) or the server is closing
    } finally {
      exchange.close();
    }
  }

  /**
   * The README's receiver check: HMAC-SHA256 over timestamp + "." + body, constant-time compare.
   */
  private static boolean verify(String secret, HttpExchange exchange, String body) {
    String timestamp = exchange.getRequestHeaders().getFirst("X-Feishu-Bot-Timestamp");
    String signature = exchange.getRequestHeaders().getFirst("X-Feishu-Bot-Signature");
    if (timestamp == null || signature == null) {
      return false;
    }
    long age = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder("sha256=");
      for (byte b : digest) {
        hex.append(String.format("%02x", b));
      }
      return age <= 300
          && MessageDigest.isEqual(
              hex.toString().getBytes(StandardCharsets.UTF_8),
              signature.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
