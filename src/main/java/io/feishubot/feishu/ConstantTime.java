package io.feishubot.feishu;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/** Signature comparison shared by the event and card verifiers and the job codec. */
public final class ConstantTime {

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

  /**
   * Compares a computed digest with a hex one supplied by the caller, accepting exactly what {@link
   * #equalsHex(String, String)} accepts (ASCII hex of either case, {@code 2 * length} digits)
   * without hex-encoding the digest first. Whether {@code given} is well-formed depends only on the
   * caller's own input; the comparison of the bytes is constant time, as above.
   */
  public static boolean equalsHex(byte[] expected, String given, int length) {
    if (expected == null || expected.length != length || !isHex(given, 2 * length)) {
      return false;
    }
    return MessageDigest.isEqual(expected, HexFormat.of().parseHex(given));
  }

  private static boolean isHex(String text, int digits) {
    if (text == null || text.length() != digits) {
      return false;
    }
    for (int i = 0; i < digits; i++) {
      if (!HexFormat.isHexDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
