package io.feishubot.jobs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that signs job payloads, derived from the app's secrets so that an operator has nothing
 * new to generate, store or rotate: rotating the App Secret rotates it too.
 *
 * <p>Derivation: {@code HMAC-SHA256(key = UTF-8(App Secret), message = LABEL || field(Encrypt Key)
 * || field(Verification Token))}, where {@code LABEL} is the ASCII text {@value #LABEL} and {@code
 * field(x)} is the 4-byte big-endian length of UTF-8(x) followed by those bytes (length 0 when the
 * setting is unset), so no two combinations of settings give the same message. The App Secret is
 * never itself the key of a job signature: what a job's HMAC reveals, if anything, is about the
 * derived key, and a job key that leaked would not let anyone ask Feishu for a tenant token.
 */
public final class JobSigningKey {

  /** Names the purpose and version of the derived key; change it to change every job key. */
  public static final String LABEL = "feishu-bot job signature v1";

  private static final String HMAC = "HmacSHA256";

  private final byte[] key;

  private JobSigningKey(byte[] key) {
    this.key = key;
  }

  /**
   * Derives the key from the app's settings.
   *
   * @param appSecret the App Secret; required, since it is the one secret every deployment with an
   *     app has
   */
  public static JobSigningKey derive(
      String appSecret, Optional<String> encryptKey, Optional<String> verificationToken) {
    Objects.requireNonNull(appSecret, "appSecret");
    if (appSecret.isBlank()) {
      throw new IllegalArgumentException("the App Secret is blank: no job signing key");
    }
    byte[] label = LABEL.getBytes(StandardCharsets.US_ASCII);
    byte[] encrypt = encryptKey.orElse("").getBytes(StandardCharsets.UTF_8);
    byte[] token = verificationToken.orElse("").getBytes(StandardCharsets.UTF_8);
    ByteBuffer message = ByteBuffer.allocate(label.length + 8 + encrypt.length + token.length);
    message.put(label).putInt(encrypt.length).put(encrypt).putInt(token.length).put(token);
    return new JobSigningKey(hmac(appSecret.getBytes(StandardCharsets.UTF_8), message.array()));
  }

  /** HMAC-SHA256 of {@code payload} under this key. */
  byte[] sign(byte[] payload) {
    return hmac(key, payload);
  }

  private static byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  /** Never the key. */
  @Override
  public String toString() {
    return "JobSigningKey[derived]";
  }
}
