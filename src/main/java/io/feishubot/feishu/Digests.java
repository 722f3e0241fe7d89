package io.feishubot.feishu;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The prefix-then-raw-body digest both Feishu signature schemes share; only the hash differs. */
public final class Digests {

  private Digests() {}

  static String hex(String algorithm, String prefix, byte[] rawBody) {
    return HexFormat.of().formatHex(digest(newDigest(algorithm), prefix, rawBody));
  }

  /** UTF-8({@code prefix}) then {@code rawBody} through {@code digest}, which is reset first. */
  static byte[] digest(MessageDigest digest, String prefix, byte[] rawBody) {
    digest.reset();
    digest.update(prefix.getBytes(StandardCharsets.UTF_8));
    digest.update(rawBody);
    return digest.digest();
  }

  /** A new instance; callers on a hot path keep one per thread (the look-up searches providers). */
  public static MessageDigest newDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      // Every JRE must ship MD5, SHA-1 and SHA-256, so this is a broken runtime, not bad input.
      throw new IllegalStateException(algorithm + " unavailable", e);
    }
  }
}
