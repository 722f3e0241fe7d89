package io.feishubot.feishu;

import static io.feishubot.feishu.Fixtures.A1_ENCRYPT;
import static io.feishubot.feishu.Fixtures.A1_IV_HEX;
import static io.feishubot.feishu.Fixtures.A1_PLAINTEXT;
import static io.feishubot.feishu.Fixtures.A2_ENCRYPT;
import static io.feishubot.feishu.Fixtures.A2_IV_HEX;
import static io.feishubot.feishu.Fixtures.A2_PLAINTEXT;
import static io.feishubot.feishu.Fixtures.OFFICIAL_ENCRYPT;
import static io.feishubot.feishu.Fixtures.TEST_KEY;
import static io.feishubot.feishu.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventCipherTest {

  private final EventCipher cipher = new EventCipher(TEST_KEY);

  @Test
  void decrypts_officialDocSample() {
    assertEquals(
        "hello world", new String(cipher.decrypt(OFFICIAL_ENCRYPT), StandardCharsets.UTF_8));
  }

  @Test
  void decrypts_vectorA1ToExactPlaintext() {
    assertArrayEquals(utf8(A1_PLAINTEXT), cipher.decrypt(A1_ENCRYPT));
  }

  @Test
  void decrypts_vectorA2ToExactPlaintext() {
    assertArrayEquals(utf8(A2_PLAINTEXT), cipher.decrypt(A2_ENCRYPT));
  }

  @Test
  void encrypts_vectorA1WithGivenIv() {
    assertEquals(
        A1_ENCRYPT, cipher.encrypt(utf8(A1_PLAINTEXT), HexFormat.of().parseHex(A1_IV_HEX)));
  }

  @Test
  void encrypts_vectorA2WithGivenIv() {
    assertEquals(
        A2_ENCRYPT, cipher.encrypt(utf8(A2_PLAINTEXT), HexFormat.of().parseHex(A2_IV_HEX)));
  }

  @Test
  void roundTrips_withRandomIv() {
    byte[] plaintext = utf8("{\"text\":\"你好, world\"}");
    String first = cipher.encrypt(plaintext);
    String second = cipher.encrypt(plaintext);
    assertNotEquals(first, second, "a fresh IV per message");
    assertArrayEquals(plaintext, cipher.decrypt(first));
    assertArrayEquals(plaintext, cipher.decrypt(second));
  }

  @Test
  void roundTrips_emptyPlaintext() {
    assertArrayEquals(new byte[0], cipher.decrypt(cipher.encrypt(new byte[0])));
  }

  @Test
  void rejects_whenKeyIsWrong() {
    EventCipher wrong = new EventCipher("wrong key");
    MalformedPayloadException e =
        assertThrows(MalformedPayloadException.class, () -> wrong.decrypt(A1_ENCRYPT));
    assertEquals("decryption failed", e.getMessage());
  }

  /** Every malformed PKCS#7 tail a block can end in is refused, as a wrong key's garbage is. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "00", // no padding byte may be zero
        "11", // more than a block
        "ff", "0102", // the last says 2, the one before is not 2
        "020303", // the last says 3, the third from last is not 3
      })
  void rejects_whenPaddingIsMalformed(String tailHex) throws Exception {
    byte[] tail = HexFormat.of().parseHex(tailHex);
    byte[] block = new byte[16];
    Arrays.fill(block, (byte) 'x');
    System.arraycopy(tail, 0, block, 16 - tail.length, tail.length);
    String encrypt = encryptUnpadded(block);
    MalformedPayloadException e =
        assertThrows(MalformedPayloadException.class, () -> cipher.decrypt(encrypt));
    assertEquals("decryption failed", e.getMessage());
  }

  @Test
  void stripsExactlyThePadding_whateverComesBeforeIt() throws Exception {
    byte[] block = HexFormat.of().parseHex("7878787878787878787878780203" + "0303");
    assertArrayEquals(Arrays.copyOf(block, 13), cipher.decrypt(encryptUnpadded(block)));
  }

  @Test
  void stripsAWholeBlockOfPadding() throws Exception {
    byte[] blocks = new byte[32];
    Arrays.fill(blocks, 0, 16, (byte) 'y');
    Arrays.fill(blocks, 16, 32, (byte) 16);
    assertArrayEquals(Arrays.copyOf(blocks, 16), cipher.decrypt(encryptUnpadded(blocks)));
  }

  /** Decrypting on one thread many sizes, larger and smaller, reuses nothing of the last. */
  @Test
  void decryptsEachSizeExactly_onOneThread() {
    for (int size : new int[] {5000, 3, 70_000, 0, 16, 15, 17, 4096, 4095}) {
      byte[] plaintext = new byte[size];
      Arrays.fill(plaintext, (byte) (size % 100));
      assertArrayEquals(plaintext, cipher.decrypt(cipher.encrypt(plaintext)), "size " + size);
    }
  }

  /** AES-256-CBC of {@code blocks} as they are, under the test key, with a zero IV. */
  private static String encryptUnpadded(byte[] blocks) throws Exception {
    byte[] key =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest(TEST_KEY.getBytes(StandardCharsets.UTF_8));
    javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/CBC/NoPadding");
    byte[] iv = new byte[16];
    aes.init(
        javax.crypto.Cipher.ENCRYPT_MODE,
        new javax.crypto.spec.SecretKeySpec(key, "AES"),
        new javax.crypto.spec.IvParameterSpec(iv));
    byte[] out = Arrays.copyOf(iv, 16 + blocks.length);
    System.arraycopy(aes.doFinal(blocks), 0, out, 16, blocks.length);
    return Base64.getEncoder().encodeToString(out);
  }

  @Test
  void rejects_whenNull() {
    assertThrows(MalformedPayloadException.class, () -> cipher.decrypt((String) null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not base64 at all!!",
        // URL-safe alphabet is not what Feishu sends.
        "AAECAwQFBgcICQoLDA0ODzksK1XHDGhxTlKJKwLymcMyd1nZHD-oH9xjSv_KOaKK",
        // Missing padding: the JDK decoder would accept it.
        "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk",
        // Line-wrapped.
        "P37w+VZImNgPEO1RBhJ6RtKl\nn6zymIbEG1pReEzghk="
      })
  void rejects_whenNotStrictStandardBase64(String encrypt) {
    MalformedPayloadException e =
        assertThrows(MalformedPayloadException.class, () -> cipher.decrypt(encrypt));
    assertEquals("ciphertext not valid base64", e.getMessage());
  }

  @Test
  void rejects_whenShorterThanIvPlusOneBlock() {
    String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);
    MalformedPayloadException e =
        assertThrows(MalformedPayloadException.class, () -> cipher.decrypt(sixteenBytes));
    assertEquals("ciphertext too short", e.getMessage());
  }

  @Test
  void rejects_whenEmpty() {
    assertThrows(MalformedPayloadException.class, () -> cipher.decrypt(""));
  }

  @Test
  void rejects_whenNotBlockAligned() {
    byte[] raw = Base64.getDecoder().decode(A1_ENCRYPT);
    String unaligned = Base64.getEncoder().encodeToString(Arrays.copyOf(raw, raw.length - 1));
    MalformedPayloadException e =
        assertThrows(MalformedPayloadException.class, () -> cipher.decrypt(unaligned));
    assertEquals("ciphertext not block aligned", e.getMessage());
  }

  @Test
  void errorMessages_neverContainCiphertextOrKey() {
    MalformedPayloadException e =
        assertThrows(
            MalformedPayloadException.class,
            () -> new EventCipher("wrong key").decrypt(A1_ENCRYPT));
    assertFalse(e.getMessage().contains(A1_ENCRYPT.substring(0, 8)));
    assertFalse(e.getMessage().contains("wrong key"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 15, 17, 32})
  void refusesToEncrypt_whenIvNotSixteenBytes(int length) {
    assertThrows(
        IllegalArgumentException.class, () -> cipher.encrypt(utf8("{}"), new byte[length]));
  }

  @Test
  void refusesToConstruct_whenKeyBlank() {
    assertThrows(IllegalArgumentException.class, () -> new EventCipher(" "));
  }

  @Test
  void decryptsEnvelope_straightFromTheRequestBytes() {
    byte[] body = utf8(" {\"encrypt\":\"" + A1_ENCRYPT + "\"} ");
    EncryptedEnvelope envelope = EncryptOnlyBody.envelope(body, 1 << 20);
    assertEquals(new EncryptedEnvelope(A1_ENCRYPT), envelope);
    assertEquals(A1_ENCRYPT, envelope.encrypt());
    assertArrayEquals(utf8(A1_PLAINTEXT), cipher.decrypt(envelope));
    assertArrayEquals(utf8(A1_PLAINTEXT), cipher.decrypt(new EncryptedEnvelope(A1_ENCRYPT)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk",
        "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzg=k=",
        "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pRe==",
        "AAAA"
      })
  void rejectsEnvelope_fromRequestBytes_asFromAString(String encrypt) {
    EncryptedEnvelope envelope =
        EncryptOnlyBody.envelope(utf8("{\"encrypt\":\"" + encrypt + "\"}"), 1 << 20);
    assertEquals(
        assertThrows(MalformedPayloadException.class, () -> cipher.decrypt(encrypt)).getMessage(),
        assertThrows(MalformedPayloadException.class, () -> cipher.decrypt(envelope)).getMessage());
  }

  @Test
  void decryptsBytesInTheMiddleOfAnArray() {
    byte[] around = utf8("xx" + OFFICIAL_ENCRYPT + "yy");
    assertArrayEquals(utf8("hello world"), cipher.decrypt(around, 2, OFFICIAL_ENCRYPT.length()));
  }
}
