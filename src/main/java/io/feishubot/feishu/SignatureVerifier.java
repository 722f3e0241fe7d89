package io.feishubot.feishu;

import java.security.MessageDigest;
import java.util.Objects;

/** Checks {@code X-Lark-Signature} on event deliveries against the app's Encrypt Key. */
public final class SignatureVerifier {

  private static final int SHA256_BYTES = 32;

  private final String encryptKey;
  // MessageDigest.getInstance searches the providers on every call; digest() resets for reuse.
  private final ThreadLocal<MessageDigest> sha256 =
      ThreadLocal.withInitial(() -> Digests.newDigest("SHA-256"));

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

  /**
   * True only if every input is present and the signature matches the raw body exactly: the digest
   * of {@link EventSignature#compute}, compared as bytes rather than as hex text.
   */
  public boolean verify(String timestamp, String nonce, byte[] rawBody, String signature) {
    if (isBlank(timestamp) || isBlank(nonce) || rawBody == null || isBlank(signature)) {
      return false;
    }
    byte[] expected = Digests.digest(sha256.get(), timestamp + nonce + encryptKey, rawBody);
    return ConstantTime.equalsHex(expected, signature, SHA256_BYTES);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
