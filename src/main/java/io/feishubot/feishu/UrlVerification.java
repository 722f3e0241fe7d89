package io.feishubot.feishu;

import java.util.Objects;

/**
 * The challenge Feishu sends when a request URL is configured; echo {@code challenge} back. It is
 * unsigned, so {@code token} (compared with the Verification Token) or successful decryption is the
 * only proof of origin. {@code token} may be null.
 */
public record UrlVerification(String challenge, String token) implements Envelope {

  public UrlVerification {
    Objects.requireNonNull(challenge, "challenge");
  }
}
