package io.feishubot.feishu;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code sign} a group custom bot demands when its "signature verification" is on:
 * Base64(HMAC-SHA256) keyed with {@code timestamp + "\n" + secret} over empty input, the timestamp
 * in seconds and within an hour of Feishu's clock. The key and the message are the other way round
 * from most HMAC schemes (DingTalk's included); the vector in feishu-protocol.md §12 (c) pins it.
 */
public final class CustomBotSignature {

  private CustomBotSignature() {}

  /**
   * @param epochSeconds the {@code timestamp} sent beside the signature
   */
  public static String sign(long epochSeconds, String secret) {
    Objects.requireNonNull(secret, "secret");
    byte[] key = (epochSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(new byte[0]));
    } catch (GeneralSecurityException e) {
      // Every JRE ships HmacSHA256, and any key length is valid for it: a broken runtime.
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
