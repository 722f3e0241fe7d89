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
import java.util.Locale;
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
}
