package io.feishubot.feishu;

import static io.feishubot.feishu.Fixtures.CARD_SIGNATURE;
import static io.feishubot.feishu.Fixtures.NONCE;
import static io.feishubot.feishu.Fixtures.TIMESTAMP;
import static io.feishubot.feishu.Fixtures.VERIFICATION_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class CardSignatureTest {

  private final byte[] body = Fixtures.event("card.action.trigger_v1-button.json");

  @Test
  void computes_vectorBPrime() {
    assertEquals(CARD_SIGNATURE, CardSignature.compute(TIMESTAMP, NONCE, VERIFICATION_TOKEN, body));
  }

  @Test
  void differsFromEventSignature_overSameInputs() {
    assertNotEquals(
        EventSignature.compute(TIMESTAMP, NONCE, VERIFICATION_TOKEN, body),
        CardSignature.compute(TIMESTAMP, NONCE, VERIFICATION_TOKEN, body));
  }

  @Test
  void matches_whenEqualIgnoringHexCase() {
    assertTrue(CardSignature.matches(CARD_SIGNATURE, CARD_SIGNATURE));
    assertTrue(CardSignature.matches(CARD_SIGNATURE, CARD_SIGNATURE.toUpperCase(Locale.ROOT)));
  }

  @Test
  void rejects_whenBodyByteFlipped() {
    byte[] tampered = body.clone();
    tampered[10] ^= 0x01;
    String computed = CardSignature.compute(TIMESTAMP, NONCE, VERIFICATION_TOKEN, tampered);
    assertFalse(CardSignature.matches(computed, CARD_SIGNATURE));
  }

  @Test
  void rejects_whenTokenDiffers() {
    String computed = CardSignature.compute(TIMESTAMP, NONCE, "vtoken124", body);
    assertFalse(CardSignature.matches(computed, CARD_SIGNATURE));
  }

  @Test
  void rejects_whenTruncatedNullOrBlank() {
    assertFalse(CardSignature.matches(CARD_SIGNATURE, CARD_SIGNATURE.substring(1)));
    assertFalse(CardSignature.matches(CARD_SIGNATURE, null));
    assertFalse(CardSignature.matches(CARD_SIGNATURE, ""));
    assertFalse(CardSignature.matches(CARD_SIGNATURE, " "));
    assertFalse(CardSignature.matches(null, CARD_SIGNATURE));
  }
}
