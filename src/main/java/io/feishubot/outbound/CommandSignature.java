package io.feishubot.outbound;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a configured command's request: {@code sha256=} and the lower-case hex
 * HMAC-SHA256, keyed with the command's secret, of {@code timestamp + "." + body}. The timestamp is
 * inside the signed text so that a receiver that checks its age also stops replays.
 */
public final class CommandSignature {

  private CommandSignature() {}

  /** The {@code X-Feishu-Bot-Signature} value for {@code body} sent at {@code timestamp}. */
  public static String sign(String secret, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return "sha256=" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
