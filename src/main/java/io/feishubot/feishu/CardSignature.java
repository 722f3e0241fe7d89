package io.feishubot.feishu;

import java.util.Objects;

/**
 * The {@code X-Lark-Signature} of old-style card callbacks ({@code card.action.trigger_v1}): SHA-1
 * keyed by the Verification Token, unlike events which use SHA-256 with the Encrypt Key.
 */
public final class CardSignature {

  private CardSignature() {}

  /** Lowercase hex SHA-1 of UTF-8({@code timestamp + nonce + verificationToken}) then the body. */
  public static String compute(
      String timestamp, String nonce, String verificationToken, byte[] rawBody) {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(verificationToken, "verificationToken");
    Objects.requireNonNull(rawBody, "rawBody");
    return Digests.hex("SHA-1", timestamp + nonce + verificationToken, rawBody);
  }

  /**
   * Constant-time comparison of a computed signature with the header value; false if either is null
   * or blank. Upper-case hex in {@code given} is accepted.
   */
  public static boolean matches(String expected, String given) {
    return ConstantTime.equalsHex(expected, given);
  }
}
