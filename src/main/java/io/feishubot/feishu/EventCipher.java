package io.feishubot.feishu;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-CBC of {@code {"encrypt":"..."}} bodies: key = SHA-256(UTF-8(Encrypt Key)), payload =
 * base64(iv16 || ciphertext) with PKCS#7 padding.
 *
 * <p>Thread-safe: the derived key is immutable, and since {@code Cipher} instances are stateful,
 * decryption uses one per thread (re-initialised with each IV) and encryption a new one per call.
 */
public final class EventCipher {

  private static final String TRANSFORMATION = "AES/CBC/PKCS5Padding";
  private static final String UNPADDED = "AES/CBC/NoPadding";
  private static final int BLOCK = 16;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();
  // Cipher.getInstance costs ~2 µs (provider lookup), six times the decryption of an event itself
  // (bench/: CostCentersBenchmark); init() per call still sets the key and each delivery's IV.
  private final ThreadLocal<Decryptor> decryptors =
      ThreadLocal.withInitial(() -> new Decryptor(newCipher(UNPADDED)));

  /**
   * @throws IllegalArgumentException if the key is blank, since it would make encryption a publicly
   *     known transformation
   */
  public EventCipher(String encryptKey) {
    Objects.requireNonNull(encryptKey, "encryptKey");
    if (encryptKey.isBlank()) {
      throw new IllegalArgumentException("encryptKey must not be blank");
    }
    byte[] digest =
        Digests.newDigest("SHA-256").digest(encryptKey.getBytes(StandardCharsets.UTF_8));
    this.key = new SecretKeySpec(digest, "AES");
  }

  /**
   * Decrypts the {@code encrypt} field to the plaintext bytes (UTF-8 JSON).
   *
   * @throws MalformedPayloadException if the value is not strict standard base64, is shorter than
   *     an IV plus one block, is not block-aligned, or does not unpad (typically a wrong key)
   */
  public byte[] decrypt(String base64) {
    if (base64 == null) {
      throw new MalformedPayloadException("ciphertext missing");
    }
    // The same Latin-1 copy Base64.Decoder.decode(String) makes: a character outside Latin-1
    // becomes '?', which is not base64 either.
    byte[] ascii = base64.getBytes(StandardCharsets.ISO_8859_1);
    return decrypt(ascii, 0, ascii.length);
  }

  /**
   * Decrypts the {@code encrypt} value of {@code envelope}, straight from the request bytes when it
   * was read from them.
   *
   * @throws MalformedPayloadException as {@link #decrypt(String)}
   */
  public byte[] decrypt(EncryptedEnvelope envelope) {
    return envelope.decryptWith(this);
  }

  /** {@link #decrypt(String)} of the base64 characters {@code base64[offset, offset + length)}. */
  byte[] decrypt(byte[] base64, int offset, int length) {
    ByteBuffer raw = decodeStrictBase64(base64, offset, length);
    int rawLength = raw.remaining();
    if (rawLength < 2 * BLOCK) {
      throw new MalformedPayloadException("ciphertext too short");
    }
    if (rawLength % BLOCK != 0) {
      throw new MalformedPayloadException("ciphertext not block aligned");
    }
    byte[] bytes = raw.array();
    int start = raw.arrayOffset() + raw.position();
    try {
      Decryptor decryptor = decryptors.get();
      Cipher cipher = decryptor.cipher;
      cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(bytes, start, BLOCK));
      // Unpadded by hand into this thread's buffer, then one copy of the exact size: with
      // PKCS5Padding the JDK decrypts into a buffer of its own and copies again to unpad (896 of
      // 4,048 bytes allocated per decryption, CostCentersBenchmark; the time is within its noise).
      byte[] out = decryptor.buffer(rawLength - BLOCK);
      int paddedLength = cipher.doFinal(bytes, start + BLOCK, rawLength - BLOCK, out, 0);
      return Arrays.copyOf(out, unpaddedLength(out, paddedLength));
    } catch (GeneralSecurityException e) {
      // JCE messages are fixed phrases ("Given final block not properly padded"), safe to chain.
      throw new MalformedPayloadException("decryption failed", e);
    }
  }

  /**
   * The length without PKCS#7 padding: 1 to 16 bytes, each holding the padding's length. Anything
   * else is what a wrong key gives.
   */
  private static int unpaddedLength(byte[] padded, int length) {
    int pad = padded[length - 1] & 0xFF;
    boolean valid = pad >= 1 && pad <= BLOCK;
    for (int k = 1; valid && k <= pad; k++) {
      valid = padded[length - k] == (byte) pad;
    }
    if (!valid) {
      throw new MalformedPayloadException("decryption failed");
    }
    return length - pad;
  }

  /** Encrypts with the given IV; used by fixtures that must reproduce known ciphertexts. */
  public String encrypt(byte[] plaintext, byte[] iv) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(iv, "iv");
    if (iv.length != BLOCK) {
      throw new IllegalArgumentException("iv must be 16 bytes");
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
      byte[] ciphertext = cipher.doFinal(plaintext);
      byte[] out = Arrays.copyOf(iv, BLOCK + ciphertext.length);
      System.arraycopy(ciphertext, 0, out, BLOCK, ciphertext.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES unavailable", e);
    }
  }

  /** Encrypts with a fresh random IV, as Feishu does. */
  public String encrypt(byte[] plaintext) {
    byte[] iv = new byte[BLOCK];
    random.nextBytes(iv);
    return encrypt(plaintext, iv);
  }

  private static Cipher newCipher(String transformation) {
    try {
      return Cipher.getInstance(transformation);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES unavailable", e);
    }
  }

  private static ByteBuffer decodeStrictBase64(byte[] base64, int offset, int length) {
    // The JDK decoder tolerates missing padding; Feishu always pads, so anything else is not ours.
    if (length % 4 != 0) {
      throw new MalformedPayloadException("ciphertext not valid base64");
    }
    try {
      // Decodes in place from the array, into an array of the decoded size.
      return Base64.getDecoder().decode(ByteBuffer.wrap(base64, offset, length));
    } catch (IllegalArgumentException e) {
      // Not chained: the JDK message quotes the offending input character.
      throw new MalformedPayloadException("ciphertext not valid base64");
    }
  }

  /** A thread's decrypting cipher and its output buffer. */
  private static final class Decryptor {
    /** Larger buffers are not kept: real events are a few kilobytes. */
    private static final int KEPT = 64 * 1024;

    private final Cipher cipher;
    private byte[] buffer = new byte[4096];

    Decryptor(Cipher cipher) {
      this.cipher = cipher;
    }

    byte[] buffer(int length) {
      if (length <= buffer.length) {
        return buffer;
      }
      byte[] larger = new byte[length];
      if (length <= KEPT) {
        buffer = larger;
      }
      return larger;
    }
  }
}
