package io.feishubot.feishu;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * {@code {"encrypt":"..."}}: decrypt with {@link EventCipher#decrypt(EncryptedEnvelope)}, then
 * parse the plaintext.
 *
 * <p>A value class rather than a record: for the usual body the base64 value stays in the request
 * bytes it arrived in, and the cipher decodes it from there. Copying it into a String and back into
 * bytes for the decoder was a fifth of a delivery's allocation (bench/jmh). The String is made only
 * if asked for. Equality is that of {@link #encrypt()}.
 */
public final class EncryptedEnvelope implements Envelope {

  // Either encrypt is set, or body[offset, offset + length) holds ASCII base64 and nothing else.
  private final byte[] body;
  private final int offset;
  private final int length;
  private String encrypt;

  public EncryptedEnvelope(String encrypt) {
    this.encrypt = Objects.requireNonNull(encrypt, "encrypt");
    this.body = null;
    this.offset = 0;
    this.length = 0;
  }

  /**
   * The value {@code body[offset, offset + length)}, which must be ASCII (so its bytes are its
   * characters). Kept by reference: request bodies are never changed once received.
   */
  EncryptedEnvelope(byte[] body, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, body.length);
    this.body = body;
    this.offset = offset;
    this.length = length;
  }

  /** The base64 value of {@code encrypt}. */
  public String encrypt() {
    String value = encrypt;
    if (value == null) {
      // A benign race: every thread builds an equal String.
      value = new String(body, offset, length, StandardCharsets.ISO_8859_1);
      encrypt = value;
    }
    return value;
  }

  /** Decrypts with {@code cipher} from whichever form the value is held in. */
  byte[] decryptWith(EventCipher cipher) {
    return body == null ? cipher.decrypt(encrypt) : cipher.decrypt(body, offset, length);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EncryptedEnvelope that && encrypt().equals(that.encrypt());
  }

  @Override
  public int hashCode() {
    return encrypt().hashCode();
  }

  @Override
  public String toString() {
    return "EncryptedEnvelope[encrypt=" + encrypt() + "]";
  }
}
