package io.feishubot.feishu;

import java.util.Objects;

/** Checks {@code X-Lark-Signature} on event deliveries against the app's Encrypt Key. */
public final class SignatureVerifier {

  private final String encryptKey;

  /**
   * @throws IllegalArgumentException if the key is blank: with an empty key anyone could compute a
   *     valid signature, so "verified" would mean nothing
   */
  public SignatureVerifier(String encryptKey) {
    Objects.requireNonNull(encryptKey, "encryptKey");
    if (encryptKey.isBlank()) {
      throw new IllegalArgumentException("encryptKey must not be blank");
    }
    this.encryptKey = encryptKey;
  }

  /** True only if every input is present and the signature matches the raw body exactly. */
  public boolean verify(String timestamp, String nonce, byte[] rawBody, String signature) {
    if (isBlank(timestamp) || isBlank(nonce) || rawBody == null || isBlank(signature)) {
      return false;
    }
    String expected = EventSignature.compute(timestamp, nonce, encryptKey, rawBody);
    return ConstantTime.equalsHex(expected, signature);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
