package io.feishubot.feishu;

import static io.feishubot.feishu.Fixtures.NONCE;
import static io.feishubot.feishu.Fixtures.SIGNATURE_ENCRYPTED_BODY;
import static io.feishubot.feishu.Fixtures.SIGNATURE_PLAIN_BODY;
import static io.feishubot.feishu.Fixtures.TEST_KEY;
import static io.feishubot.feishu.Fixtures.TIMESTAMP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureVerifierTest {

  private final SignatureVerifier verifier = new SignatureVerifier(TEST_KEY);
  private final byte[] body = Fixtures.encryptedA1Body();

  @Test
  void computes_vectorB_overEncryptedEnvelope() {
    assertEquals(
        SIGNATURE_ENCRYPTED_BODY, EventSignature.compute(TIMESTAMP, NONCE, TEST_KEY, body));
  }

  @Test
  void computes_vectorB_overPlaintextBody() {
    assertEquals(
        SIGNATURE_PLAIN_BODY,
        EventSignature.compute(TIMESTAMP, NONCE, TEST_KEY, Fixtures.utf8(Fixtures.A1_PLAINTEXT)));
  }

  @Test
  void accepts_whenSignatureMatches() {
    assertTrue(verifier.verify(TIMESTAMP, NONCE, body, SIGNATURE_ENCRYPTED_BODY));
  }

  @Test
  void accepts_whenSignatureIsUpperCaseHex() {
    assertTrue(
        verifier.verify(TIMESTAMP, NONCE, body, SIGNATURE_ENCRYPTED_BODY.toUpperCase(Locale.ROOT)));
  }

  @Test
  void accepts_whenSignatureIsMixedCaseHex() {
    StringBuilder mixed = new StringBuilder(SIGNATURE_ENCRYPTED_BODY);
    for (int i = 0; i < mixed.length(); i += 2) {
      mixed.setCharAt(i, Character.toUpperCase(mixed.charAt(i)));
    }
    assertTrue(verifier.verify(TIMESTAMP, NONCE, body, mixed.toString()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\uff41", // fullwidth a: Character.digit reads it as 10, hex parsing must not
        "\u0661", // Arabic-Indic one
        "g", " ",
      })
  void rejects_whenSignatureHasANonHexCharacter(String character) {
    String forged = character + SIGNATURE_ENCRYPTED_BODY.substring(1);
    assertFalse(verifier.verify(TIMESTAMP, NONCE, body, forged));
  }

  @ParameterizedTest
  @ValueSource(strings = {" ", "\n", "0", "00"})
  void rejects_whenSignatureHasExtraCharacters(String extra) {
    assertFalse(verifier.verify(TIMESTAMP, NONCE, body, SIGNATURE_ENCRYPTED_BODY + extra));
    assertFalse(verifier.verify(TIMESTAMP, NONCE, body, extra + SIGNATURE_ENCRYPTED_BODY));
  }

  /** Comparing bytes must accept exactly the header values that comparing hex text accepted. */
  @Test
  void byteComparison_agreesWithHexTextComparison() {
    byte[] digest = HexFormat.of().parseHex(SIGNATURE_ENCRYPTED_BODY);
    String alphabet = "0123456789abcdefABCDEFgG \uff41\u0130\u212a";
    Random random = new Random(7);
    int accepted = 0;
    for (int n = 0; n < 100_000; n++) {
      StringBuilder given = new StringBuilder(SIGNATURE_ENCRYPTED_BODY);
      for (int e = random.nextInt(3); e >= 0; e--) {
        int at = random.nextInt(given.length() + 1);
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(4)) {
          case 0 -> given.insert(at, c);
          case 1 -> given.deleteCharAt(Math.min(at, given.length() - 1));
          case 2 -> given.setCharAt(Math.min(at, given.length() - 1), c);
          default -> {
            int i = Math.min(at, given.length() - 1);
            given.setCharAt(i, Character.toUpperCase(given.charAt(i)));
          }
        }
      }
      boolean text = ConstantTime.equalsHex(SIGNATURE_ENCRYPTED_BODY, given.toString());
      assertEquals(text, ConstantTime.equalsHex(digest, given.toString(), 32), given.toString());
      accepted += text ? 1 : 0;
    }
    assertTrue(accepted > 1_000, "the case-flip mutations must keep some signatures valid");
  }

  @Test
  void rejects_whenBodyByteFlipped() {
    byte[] tampered = body.clone();
    tampered[100] ^= 0x01;
    assertFalse(verifier.verify(TIMESTAMP, NONCE, tampered, SIGNATURE_ENCRYPTED_BODY));
  }

  @Test
  void rejects_whenBodyHasTrailingNewline() {
    byte[] withNewline = Arrays.copyOf(body, body.length + 1);
    withNewline[body.length] = '\n';
    assertFalse(verifier.verify(TIMESTAMP, NONCE, withNewline, SIGNATURE_ENCRYPTED_BODY));
  }

  @Test
  void rejects_whenNonceDiffers() {
    assertFalse(verifier.verify(TIMESTAMP, "f3b8c2a1d4e6", body, SIGNATURE_ENCRYPTED_BODY));
  }

  @Test
  void rejects_whenTimestampDiffers() {
    assertFalse(verifier.verify("1700000001", NONCE, body, SIGNATURE_ENCRYPTED_BODY));
  }

  @Test
  void rejects_whenKeyDiffers() {
    assertFalse(
        new SignatureVerifier("test key2")
            .verify(TIMESTAMP, NONCE, body, SIGNATURE_ENCRYPTED_BODY));
  }

  @Test
  void rejects_whenSignatureTruncated() {
    assertFalse(
        verifier.verify(
            TIMESTAMP,
            NONCE,
            body,
            SIGNATURE_ENCRYPTED_BODY.substring(0, SIGNATURE_ENCRYPTED_BODY.length() - 1)));
  }

  @Test
  void rejects_whenSignatureHasOneWrongDigit() {
    String wrong = "b" + SIGNATURE_ENCRYPTED_BODY.substring(1);
    assertFalse(verifier.verify(TIMESTAMP, NONCE, body, wrong));
  }

  @Test
  void rejects_whenSignatureIsForTheOtherBody() {
    assertFalse(verifier.verify(TIMESTAMP, NONCE, body, SIGNATURE_PLAIN_BODY));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void rejects_whenSignatureMissing(String signature) {
    assertFalse(verifier.verify(TIMESTAMP, NONCE, body, signature));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void rejects_whenTimestampMissing(String timestamp) {
    assertFalse(verifier.verify(timestamp, NONCE, body, SIGNATURE_ENCRYPTED_BODY));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void rejects_whenNonceMissing(String nonce) {
    assertFalse(verifier.verify(TIMESTAMP, nonce, body, SIGNATURE_ENCRYPTED_BODY));
  }

  @Test
  void rejects_whenBodyNull() {
    assertFalse(verifier.verify(TIMESTAMP, NONCE, null, SIGNATURE_ENCRYPTED_BODY));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void refusesToConstruct_whenKeyBlank(String key) {
    assertThrows(IllegalArgumentException.class, () -> new SignatureVerifier(key));
  }

  @Test
  void verifies_theDigestOfTheJoinedString_whateverTheCharacters() {
    // Parts are hashed one at a time unless a surrogate pair could span two of them; either way
    // the digest must be that of UTF-8(timestamp + nonce + key), as EventSignature computes it.
    String[] odd = {
      "1700000000", "é", "中文", "\ud83d\ude00", "\ud83d", "\ude00", "a\ud83d", "\ude00b"
    };
    for (String key : odd) {
      SignatureVerifier keyed = new SignatureVerifier(key);
      for (String timestamp : odd) {
        for (String nonce : odd) {
          String signature = EventSignature.compute(timestamp, nonce, key, body);
          assertTrue(keyed.verify(timestamp, nonce, body, signature), timestamp + nonce + key);
        }
      }
    }
  }
}
