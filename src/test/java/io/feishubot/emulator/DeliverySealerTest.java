package io.feishubot.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.feishubot.feishu.EventCipher;
import io.feishubot.feishu.LarkHeaders;
import io.feishubot.feishu.SignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The emulator's deliveries pass the bot's own checks, and tampered ones fail them. */
class DeliverySealerTest {

  private static final String KEY = "test key";
  private static final String EVENT =
      "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"e1\",\"token\":\"vtoken123\"},\"event\":{}}";
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void sealed_isEncryptedAndSignedOverTheRawBody() {
    DeliverySealer.Sealed sealed = new DeliverySealer(Optional.of(KEY), clock).seal(EVENT, false);
    String body = new String(sealed.body(), StandardCharsets.UTF_8);
    assertThat(body).startsWith("{\"encrypt\":\"").doesNotContain("vtoken123");
    assertThat(sealed.headers()).containsEntry(LarkHeaders.REQUEST_TIMESTAMP, "1796119200");
    assertThat(verifies(sealed)).isTrue();
    String ciphertext = body.substring("{\"encrypt\":\"".length(), body.length() - 2);
    assertThat(new String(new EventCipher(KEY).decrypt(ciphertext), StandardCharsets.UTF_8))
        .isEqualTo(EVENT);
  }

  @Test
  void eachDelivery_hasItsOwnNonce() {
    DeliverySealer sealer = new DeliverySealer(Optional.of(KEY), clock);
    assertThat(sealer.seal(EVENT, false).headers().get(LarkHeaders.REQUEST_NONCE))
        .isNotEqualTo(sealer.seal(EVENT, false).headers().get(LarkHeaders.REQUEST_NONCE));
  }

  @Test
  void tampered_failsTheSignatureCheck() {
    assertThat(verifies(new DeliverySealer(Optional.of(KEY), clock).seal(EVENT, true))).isFalse();
  }

  @Test
  void withoutAnEncryptKey_thePlaintextGoes_andTamperingSpoilsTheToken() {
    DeliverySealer sealer = new DeliverySealer(Optional.empty(), clock);
    assertThat(new String(sealer.seal(EVENT, false).body(), StandardCharsets.UTF_8))
        .isEqualTo(EVENT);
    assertThat(sealer.seal(EVENT, false).headers()).isEmpty();
    assertThat(new String(sealer.seal(EVENT, true).body(), StandardCharsets.UTF_8))
        .contains("\"token\":\"tampered-token\"")
        .doesNotContain("vtoken123");
  }

  private static boolean verifies(DeliverySealer.Sealed sealed) {
    return new SignatureVerifier(KEY)
        .verify(
            sealed.headers().get(LarkHeaders.REQUEST_TIMESTAMP),
            sealed.headers().get(LarkHeaders.REQUEST_NONCE),
            sealed.body(),
            sealed.headers().get(LarkHeaders.SIGNATURE));
  }
}
