package io.feishubot.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feishubot.feishu.EventCipher;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Signed, encrypted {@code im.message.receive_v1} deliveries as Feishu sends them, each with its
 * own event id, built with the product's own cipher and signature code (whose test vectors pin them
 * to Feishu's). The same bytes go to our pipeline and to the SDK.
 */
public final class Deliveries {

  /** The app the benchmarks pretend to be; the fake Open API accepts these credentials. */
  public static final String APP_ID = "cli_bench";

  public static final String APP_SECRET = "bench-app-secret";
  public static final String VERIFICATION_TOKEN = "vtoken123";
  public static final String ENCRYPT_KEY = "test key";
  public static final String TENANT_TOKEN = "t-bench0token";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the message is: a {@code /ping} from a user, or a message from an app (ignored). */
  public enum Kind {
    PING,
    FROM_APP
  }

  /** One delivery: the exact body bytes and the three signature headers. */
  public record Delivery(
      String eventId,
      String messageId,
      byte[] body,
      String timestamp,
      String nonce,
      String signature) {}

  private Deliveries() {}

  /**
   * {@code count} deliveries, each in a chat of its own: the bot paces sends into one chat to
   * Feishu's 5 per second, so one chat for all would measure the pacing, not the pipeline.
   */
  public static List<Delivery> generate(Kind kind, int count, Instant timestamp) {
    return generate(kind, count, timestamp, i -> UUID.randomUUID().toString().replace("-", ""));
  }

  /**
   * {@code count} deliveries, the i-th posted in chat {@code "oc_" + chat.apply(i)}. The chat is
   * also part of the message id ({@code om_<chat>_<random>}), which is how the soak's fake Open
   * API, like Feishu, knows the chat of the message a reply answers ({@link #chatOfMessage}).
   */
  public static List<Delivery> generate(
      Kind kind, int count, Instant timestamp, IntFunction<String> chat) {
    EventCipher cipher = new EventCipher(ENCRYPT_KEY);
    String ts = Long.toString(timestamp.getEpochSecond());
    List<Delivery> deliveries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String eventId = UUID.randomUUID().toString().replace("-", "");
      String chatKey = chat.apply(i);
      String messageId = "om_" + chatKey + "_" + UUID.randomUUID().toString().replace("-", "");
      String plaintext = plaintext(kind, eventId, messageId, "oc_" + chatKey, timestamp);
      byte[] body =
          ("{\"encrypt\":\"" + cipher.encrypt(plaintext.getBytes(StandardCharsets.UTF_8)) + "\"}")
              .getBytes(StandardCharsets.UTF_8);
      String nonce = UUID.randomUUID().toString();
      deliveries.add(new Delivery(eventId, messageId, body, ts, nonce, signature(ts, nonce, body)));
    }
    return deliveries;
  }

  /**
   * The {@code X-Lark-Signature} Feishu sends: lower-case hex SHA-256 of UTF-8(timestamp + nonce +
   * encrypt key) followed by the raw body (shared/feishu-protocol.md §2).
   */
  static String signature(String timestamp, String nonce, byte[] body) {
    try {
      java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
      sha256.update((timestamp + nonce + ENCRYPT_KEY).getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(sha256.digest(body));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** A group message that mentions the bot, shaped like the platform's (schema 2.0). */
  /** The chat key a message id made by {@link #generate} carries. */
  public static String chatOfMessage(String messageId) {
    return messageId.substring(3, messageId.lastIndexOf('_'));
  }

  static String plaintext(
      Kind kind, String eventId, String messageId, String chatId, Instant created) {
    String createTime = Long.toString(created.toEpochMilli());
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", "2.0");
    ObjectNode header = root.putObject("header");
    header.put("event_id", eventId);
    header.put("event_type", "im.message.receive_v1");
    header.put("create_time", createTime);
    header.put("token", VERIFICATION_TOKEN);
    header.put("app_id", APP_ID);
    header.put("tenant_key", "736588c9260f175e");
    ObjectNode event = root.putObject("event");
    ObjectNode sender = event.putObject("sender");
    ObjectNode senderId = sender.putObject("sender_id");
    senderId.put("open_id", "ou_7d8a6e6df7621556ce0d21922b676706ccs");
    senderId.put("union_id", "on_8ed6aa67826108097d9ee143816345");
    senderId.put("user_id", "e33ggbyz");
    sender.put("sender_type", kind == Kind.PING ? "user" : "app");
    sender.put("tenant_key", "736588c9260f175e");
    ObjectNode message = event.putObject("message");
    message.put("message_id", messageId);
    message.put("create_time", createTime);
    message.put("chat_id", chatId);
    message.put("chat_type", "group");
    message.put("message_type", "text");
    message.put("content", JSON.createObjectNode().put("text", "@_user_1 /ping").toString());
    ObjectNode bot = message.putArray("mentions").addObject();
    bot.put("key", "@_user_1");
    ObjectNode botId = bot.putObject("id");
    botId.put("open_id", "ou_bot0000000000000000000000000000");
    botId.put("union_id", "on_bot000000000000000000000000000");
    botId.put("user_id", "");
    bot.put("name", "DeployBot");
    bot.put("tenant_key", "736588c9260f175e");
    return root.toString();
  }
}
