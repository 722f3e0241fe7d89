/*
 * Sends one signed, encrypted Feishu delivery to a running bot, exactly as Feishu would.
 * JDK only, run it as a single-file program:
 *
 *   java infra/local/SendEvent.java                      # "/ping" to http://localhost:8080
 *   java infra/local/SendEvent.java --text "/help"
 *   java infra/local/SendEvent.java --challenge          # URL verification
 *   java infra/local/SendEvent.java --url https://bot.example.com/feishu/events \
 *        --encrypt-key "$FEISHU_ENCRYPT_KEY" --token "$FEISHU_VERIFICATION_TOKEN"
 *
 * Defaults match the dev profile (dev-encrypt-key, dev-verification-token).
 */
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

public class SendEvent {

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    options.put("--url", "http://localhost:8080/feishu/events");
    options.put("--text", "/ping");
    options.put("--encrypt-key", "dev-encrypt-key");
    options.put("--token", "dev-verification-token");
    options.put("--event-id", UUID.randomUUID().toString().replace("-", ""));
    boolean challenge = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--challenge")) {
        challenge = true;
      } else if (options.containsKey(args[i]) && i + 1 < args.length) {
        options.put(args[i], args[++i]);
      } else {
        System.err.println("unknown option " + args[i]);
        System.exit(2);
      }
    }
    String plaintext =
        challenge
            ? "{\"challenge\":\"local-check\",\"token\":" + quote(options.get("--token"))
                + ",\"type\":\"url_verification\"}"
            : messageEvent(options.get("--event-id"), options.get("--token"), options.get("--text"));
    String key = options.get("--encrypt-key");
    String body = "{\"encrypt\":\"" + encrypt(key, plaintext) + "\"}";

    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(options.get("--url")))
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (!challenge) { // Feishu does not sign URL verification requests
      String timestamp = Long.toString(System.currentTimeMillis() / 1000);
      String nonce = UUID.randomUUID().toString();
      request
          .header("X-Lark-Request-Timestamp", timestamp)
          .header("X-Lark-Request-Nonce", nonce)
          .header("X-Lark-Signature", sign(timestamp, nonce, key, body));
    }
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    System.out.println("HTTP " + response.statusCode() + " " + response.body());
  }

  static String messageEvent(String eventId, String token, String text) {
    String content = "{\"text\":" + quote("@_user_1 " + text) + "}";
    return "{\"schema\":\"2.0\",\"header\":{\"event_id\":" + quote(eventId)
        + ",\"event_type\":\"im.message.receive_v1\",\"create_time\":\""
        + System.currentTimeMillis() + "\",\"token\":" + quote(token)
        + ",\"app_id\":\"cli_local\",\"tenant_key\":\"local\"},\"event\":{\"sender\":{\"sender_id\":"
        + "{\"open_id\":\"ou_local_user\"},\"sender_type\":\"user\",\"tenant_key\":\"local\"},"
        + "\"message\":{\"message_id\":\"om_" + eventId + "\",\"chat_id\":\"oc_local\","
        + "\"chat_type\":\"group\",\"message_type\":\"text\",\"content\":" + quote(content)
        + ",\"mentions\":[{\"key\":\"@_user_1\",\"id\":{\"open_id\":\"ou_local_bot\"},"
        + "\"name\":\"bot\"}]}}}";
  }

  static String encrypt(String encryptKey, String plaintext) throws Exception {
    byte[] key = MessageDigest.getInstance("SHA-256").digest(encryptKey.getBytes(StandardCharsets.UTF_8));
    byte[] iv = new byte[16];
    new SecureRandom().nextBytes(iv);
    Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
    cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
    byte[] encrypted = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
    byte[] out = new byte[16 + encrypted.length];
    System.arraycopy(iv, 0, out, 0, 16);
    System.arraycopy(encrypted, 0, out, 16, encrypted.length);
    return Base64.getEncoder().encodeToString(out);
  }

  static String sign(String timestamp, String nonce, String key, String body) throws Exception {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update((timestamp + nonce + key).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(sha256.digest(body.getBytes(StandardCharsets.UTF_8)));
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
