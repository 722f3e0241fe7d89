package io.feishubot.bench.load;

import com.sun.net.httpserver.HttpExchange;
import io.feishubot.bench.Deliveries;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Open API as the soak plays it, on loopback. Tokens are always issued. Each reply attempt, in
 * this order: fails with HTTP 500 with the run's error probability (every attempt when the error
 * rate is 1); is refused with Feishu's 429 ({@code x-ogw-ratelimit-reset: 1}) beyond 5 replies into
 * one chat within any second (a sliding window, the strictest reading of "5 QPS per chat"); or is
 * posted, at most once per {@code uuid} as Feishu does. The chat is read from the message id
 * ({@link Deliveries#chatOfMessage}).
 *
 * <p>{@code POST /control?errors=0.2} sets the error rate and zeroes the counts; {@code GET /stats}
 * answers them as {@code key=value} lines, {@code GET /replied} the ids of the messages that got a
 * reply, one a line. Usage: {@code SoakOpenApi <port>}.
 */
public final class SoakOpenApi {

  private static final Pattern UUID_FIELD = Pattern.compile("\"uuid\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern ERRORS_PARAM = Pattern.compile("errors=([0-9.]+)");
  private static final long WINDOW_NANOS = 1_000_000_000L;
  private static final int PER_CHAT_PER_SECOND = 5;

  private static volatile double errorRate;
  private static final AtomicLong ATTEMPTS = new AtomicLong();
  private static final AtomicLong ERRORS = new AtomicLong();
  private static final AtomicLong RATE_LIMITED = new AtomicLong();
  private static final AtomicLong REPEATS = new AtomicLong();
  private static final Set<String> POSTED_UUIDS = ConcurrentHashMap.newKeySet();
  private static final Map<String, AtomicLong> POSTED_PER_MESSAGE = new ConcurrentHashMap<>();
  // Guarded by the map itself.
  private static final Map<String, Deque<Long>> CHAT_SENDS = new HashMap<>();

  private SoakOpenApi() {}

  public static void main(String[] args) throws IOException {
    FakeOpenApi.serve("soak Open API", Integer.parseInt(args[0]), 32, SoakOpenApi::handle);
  }

  private static void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = FakeOpenApi.read(exchange.getRequestBody());
      String path = exchange.getRequestURI().getPath();
      if ("/stats".equals(path)) {
        FakeOpenApi.send(exchange, 200, stats());
      } else if ("/replied".equals(path)) {
        FakeOpenApi.send(exchange, 200, String.join("\n", POSTED_PER_MESSAGE.keySet()));
      } else if ("/control".equals(path)) {
        control(String.valueOf(exchange.getRequestURI().getQuery()));
        FakeOpenApi.send(exchange, 200, "ok");
      } else if (FakeOpenApi.TOKEN_PATH.equals(path)) {
        FakeOpenApi.send(
            exchange,
            200,
            "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\""
                + Deliveries.TENANT_TOKEN
                + "\",\"expire\":7200}");
      } else if (path.startsWith("/open-apis/im/v1/messages/") && path.endsWith("/reply")) {
        reply(exchange, path.split("/")[5], body);
      } else {
        FakeOpenApi.send(exchange, 404, "{\"code\":404,\"msg\":\"not found\"}");
      }
    }
  }

  private static void reply(HttpExchange exchange, String messageId, String body)
      throws IOException {
    ATTEMPTS.incrementAndGet();
    if (errorRate > 0 && ThreadLocalRandom.current().nextDouble() < errorRate) {
      ERRORS.incrementAndGet();
      FakeOpenApi.send(exchange, 500, "{\"code\":1,\"msg\":\"internal error\"}");
      return;
    }
    if (!admit(Deliveries.chatOfMessage(messageId))) {
      RATE_LIMITED.incrementAndGet();
      exchange.getResponseHeaders().set("x-ogw-ratelimit-limit", "5");
      exchange.getResponseHeaders().set("x-ogw-ratelimit-reset", "1");
      FakeOpenApi.send(
          exchange, 429, "{\"code\":99991400,\"msg\":\"request trigger frequency limit\"}");
      return;
    }
    Matcher uuid = UUID_FIELD.matcher(body);
    if (uuid.find() && POSTED_UUIDS.add(uuid.group(1))) {
      POSTED_PER_MESSAGE.computeIfAbsent(messageId, id -> new AtomicLong()).incrementAndGet();
    } else {
      REPEATS.incrementAndGet(); // the same reply again: Feishu posts it once
    }
    FakeOpenApi.send(
        exchange,
        200,
        "{\"code\":0,\"msg\":\"success\",\"data\":{\"message_id\":\"om_reply\","
            + "\"msg_type\":\"text\"}}");
  }

  private static boolean admit(String chat) {
    long now = System.nanoTime();
    synchronized (CHAT_SENDS) {
      Deque<Long> sends = CHAT_SENDS.computeIfAbsent(chat, c -> new ArrayDeque<>());
      while (!sends.isEmpty() && now - sends.peekFirst() >= WINDOW_NANOS) {
        sends.removeFirst();
      }
      if (sends.size() >= PER_CHAT_PER_SECOND) {
        return false;
      }
      sends.addLast(now);
      return true;
    }
  }

  private static void control(String query) {
    Matcher errors = ERRORS_PARAM.matcher(query);
    errorRate = errors.find() ? Double.parseDouble(errors.group(1)) : 0;
    ATTEMPTS.set(0);
    ERRORS.set(0);
    RATE_LIMITED.set(0);
    REPEATS.set(0);
    POSTED_UUIDS.clear();
    POSTED_PER_MESSAGE.clear();
    synchronized (CHAT_SENDS) {
      CHAT_SENDS.clear();
    }
  }

  private static String stats() {
    long maxPerMessage =
        POSTED_PER_MESSAGE.values().stream().mapToLong(AtomicLong::get).max().orElse(0);
    return "attempts="
        + ATTEMPTS.get()
        + "\nerrors="
        + ERRORS.get()
        + "\nrate_limited="
        + RATE_LIMITED.get()
        + "\nposted="
        + POSTED_UUIDS.size()
        + "\nrepeats="
        + REPEATS.get()
        + "\nmessages_replied="
        + POSTED_PER_MESSAGE.size()
        + "\nmax_replies_per_message="
        + maxPerMessage
        + "\n";
  }
}
