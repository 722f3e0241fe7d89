package io.feishubot.feishu;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/** Signature comparison shared by the event and card verifiers. */
final class ConstantTime {

  private ConstantTime() {}

  /**
   * Compares a computed lowercase hex digest with one supplied by the caller.
   *
   * <p>{@link MessageDigest#isEqual} takes time independent of where the first differing byte is,
   * so an attacker timing our responses cannot recover a valid signature byte by byte, which {@link
   * String#equals} (early exit) would allow. Upper-case hex is accepted because hex case carries no
   * meaning.
   */
  static boolean equalsHex(String expected, String given) {
    if (expected == null || given == null || given.isBlank()) {
      return false;
    }
    byte[] a = expected.getBytes(StandardCharsets.US_ASCII);
    byte[] b = given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(a, b);
  }
}
