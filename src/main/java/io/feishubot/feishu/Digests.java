package io.feishubot.feishu;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The prefix-then-raw-body digest both Feishu signature schemes share; only the hash differs. */
final class Digests {

  private Digests() {}

  static String hex(String algorithm, String prefix, byte[] rawBody) {
    MessageDigest digest = newDigest(algorithm);
    digest.update(prefix.getBytes(StandardCharsets.UTF_8));
    digest.update(rawBody);
    return HexFormat.of().formatHex(digest.digest());
  }

  static MessageDigest newDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      // Every JRE must ship SHA-1 and SHA-256, so this is a broken runtime, not bad input.
      throw new IllegalStateException(algorithm + " unavailable", e);
    }
  }
}
