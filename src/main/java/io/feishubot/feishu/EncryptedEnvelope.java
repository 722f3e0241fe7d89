package io.feishubot.feishu;

import java.util.Objects;

/** {@code {"encrypt":"..."}}: decrypt with {@link EventCipher}, then parse the plaintext. */
public record EncryptedEnvelope(String encrypt) implements Envelope {

  public EncryptedEnvelope {
    Objects.requireNonNull(encrypt, "encrypt");
  }
}
