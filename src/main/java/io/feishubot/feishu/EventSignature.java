package io.feishubot.feishu;

import java.util.Objects;

/** The {@code X-Lark-Signature} of events and new-style callbacks, keyed by the Encrypt Key. */
public final class EventSignature {

  private EventSignature() {}

  /**
   * Lowercase hex SHA-256 of UTF-8({@code timestamp + nonce + encryptKey}) followed by the raw
   * body. The body must be the exact bytes received: for encrypted apps that is the {@code
   * {"encrypt":...}} envelope, and any re-serialisation would change the digest.
   */
  public static String compute(String timestamp, String nonce, String encryptKey, byte[] rawBody) {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(encryptKey, "encryptKey");
    Objects.requireNonNull(rawBody, "rawBody");
    return Digests.hex("SHA-256", timestamp + nonce + encryptKey, rawBody);
  }
}
