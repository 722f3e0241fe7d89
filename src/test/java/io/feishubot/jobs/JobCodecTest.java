package io.feishubot.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feishubot.feishu.MessageReceived;
import io.feishubot.router.CommandLine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class JobCodecTest {

  private static final Instant ACKNOWLEDGED = Instant.parse("2026-12-01T10:15:30.123456789Z");
  private static final Duration MAX_AGE = Duration.ofMinutes(65);
  private static final JobSigningKey KEY =
      JobSigningKey.derive("app-secret", Optional.of("encrypt-key"), Optional.of("token"));

  private final JobCodec codec = codecAt(ACKNOWLEDGED.plusSeconds(2), KEY);

  static Job job() {
    return new Job(
        "cli_app",
        "ev_123",
        new CommandLine(
            "deploy", List.of("api", "--tag", "v1 \"beta\""), "api --tag \"v1 \\\"beta\\\"\""),
        new MessageReceived.Message(
            "om_1",
            "om_root",
            null,
            "omt_1",
            "oc_chat",
            "group",
            "text",
            "{\"text\":\"@_user_1 /deploy api 你好\"}",
            List.of(new MessageReceived.Mention("@_user_1", "ou_bot", null, "on_bot", "Bot"))),
        new MessageReceived.Sender("user", "ou_sender", "u_1", "on_1", "tenant"),
        ACKNOWLEDGED);
  }

  @Test
  void roundTrip_givesBackTheSameJob() {
    SignedJob signed = codec.sign(job());

    assertThat(signed.signature()).matches("sha256=[0-9a-f]{64}");
    assertThat(codec.verify(signed.payload(), signed.signature()))
        .isEqualTo(new JobCodec.Verification.Accepted(job()));
  }

  @Test
  void roundTrip_keepsAMissingSender() {
    Job anonymous =
        new Job("cli_app", "ev_1", job().command(), job().message(), null, ACKNOWLEDGED);
    SignedJob signed = codec.sign(anonymous);

    assertThat(codec.verify(signed.payload(), signed.signature()))
        .isEqualTo(new JobCodec.Verification.Accepted(anonymous));
  }

  @Test
  void refuses_whenOneByteOfThePayloadChanged() {
    SignedJob signed = codec.sign(job());
    byte[] tampered = signed.payload().clone();
    int at = new String(tampered, StandardCharsets.UTF_8).indexOf("\"api\"") + 1;
    tampered[at] = 'b';

    assertThat(codec.verify(tampered, signed.signature()))
        .isEqualTo(new JobCodec.Verification.Refused(JobCodec.Refusal.BAD_SIGNATURE));
  }

  @Test
  void refuses_whenOneDigitOfTheSignatureChanged() {
    SignedJob signed = codec.sign(job());
    String signature = signed.signature();
    char last = signature.charAt(signature.length() - 1);
    String changed = signature.substring(0, signature.length() - 1) + (last == '0' ? '1' : '0');

    assertThat(codec.verify(signed.payload(), changed))
        .isEqualTo(new JobCodec.Verification.Refused(JobCodec.Refusal.BAD_SIGNATURE));
  }

  @Test
  void refuses_whenSignedWithAnotherKey() {
    for (JobSigningKey other :
        List.of(
            JobSigningKey.derive("other-secret", Optional.of("encrypt-key"), Optional.of("token")),
            JobSigningKey.derive("app-secret", Optional.of("other-key"), Optional.of("token")),
            JobSigningKey.derive("app-secret", Optional.of("encrypt-key"), Optional.empty()),
            // The fields are length-prefixed: moving a character across them changes the key.
            JobSigningKey.derive("app-secret", Optional.of("encrypt-ke"), Optional.of("ytoken")))) {
      SignedJob forged = codecAt(ACKNOWLEDGED, other).sign(job());

      assertThat(codec.verify(forged.payload(), forged.signature()))
          .isEqualTo(new JobCodec.Verification.Refused(JobCodec.Refusal.BAD_SIGNATURE));
    }
  }

  @Test
  void refuses_aSignatureKeyedWithTheAppSecretItself() {
    // Job signatures use the derived key, never the raw App Secret.
    SignedJob signed = codec.sign(job());
    String rawSignature =
        "sha256=" + HexFormat.of().formatHex(hmac("app-secret", signed.payload()));

    assertThat(codec.verify(signed.payload(), rawSignature))
        .isEqualTo(new JobCodec.Verification.Refused(JobCodec.Refusal.BAD_SIGNATURE));
  }

  @Test
  void refuses_whenUnsigned() {
    SignedJob signed = codec.sign(job());

    assertThat(codec.verify(signed.payload(), null))
        .isEqualTo(new JobCodec.Verification.Refused(JobCodec.Refusal.UNSIGNED));
    assertThat(codec.verify(signed.payload(), " "))
        .isEqualTo(new JobCodec.Verification.Refused(JobCodec.Refusal.UNSIGNED));
  }

  @Test
  void refuses_aSignatureWithoutItsScheme_orOfTheWrongLength() {
    SignedJob signed = codec.sign(job());
    String hex = signed.signature().substring("sha256=".length());

    assertThat(codec.verify(signed.payload(), hex))
        .isEqualTo(new JobCodec.Verification.Refused(JobCodec.Refusal.BAD_SIGNATURE));
    assertThat(codec.verify(signed.payload(), "sha256=" + hex.substring(2)))
        .isEqualTo(new JobCodec.Verification.Refused(JobCodec.Refusal.BAD_SIGNATURE));
  }

  @Test
  void refuses_aSignedPayloadThatIsNotAJob() {
    for (String body :
        List.of(
            "not json",
            "[]",
            "{\"v\":2}",
            new String(codec.sign(job()).payload(), StandardCharsets.UTF_8)
                .replace("\"event_id\":\"ev_123\"", "\"event_id\":7"),
            new String(codec.sign(job()).payload(), StandardCharsets.UTF_8)
                .replace(ACKNOWLEDGED.toString(), "yesterday"))) {
      byte[] payload = body.getBytes(StandardCharsets.UTF_8);
      String signature = "sha256=" + HexFormat.of().formatHex(KEY.sign(payload));

      assertThat(codec.verify(payload, signature))
          .as(body)
          .isEqualTo(new JobCodec.Verification.Refused(JobCodec.Refusal.MALFORMED));
    }
  }

  @Test
  void refuses_aJobAcknowledgedLongerAgoThanTheMaximumAge() {
    SignedJob signed = codec.sign(job());

    assertThat(
            codecAt(ACKNOWLEDGED.plus(MAX_AGE), KEY).verify(signed.payload(), signed.signature()))
        .isInstanceOf(JobCodec.Verification.Accepted.class);
    assertThat(
            codecAt(ACKNOWLEDGED.plus(MAX_AGE).plusMillis(1), KEY)
                .verify(signed.payload(), signed.signature()))
        .isEqualTo(new JobCodec.Verification.Refused(JobCodec.Refusal.STALE));
  }

  @Test
  void refuses_aJobDatedAheadOfTheClock() {
    SignedJob signed = codec.sign(job());
    Instant early = ACKNOWLEDGED.minus(JobCodec.MAX_FUTURE_SKEW);

    assertThat(codecAt(early, KEY).verify(signed.payload(), signed.signature()))
        .isInstanceOf(JobCodec.Verification.Accepted.class);
    assertThat(codecAt(early.minusMillis(1), KEY).verify(signed.payload(), signed.signature()))
        .isEqualTo(new JobCodec.Verification.Refused(JobCodec.Refusal.STALE));
  }

  @Test
  void derive_refusesABlankAppSecret_andNeverShowsTheKey() {
    assertThatThrownBy(() -> JobSigningKey.derive(" ", Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(KEY.toString()).doesNotContain("app-secret").doesNotContain("encrypt-key");
  }

  private static JobCodec codecAt(Instant now, JobSigningKey key) {
    return new JobCodec(key, MAX_AGE, Clock.fixed(now, ZoneOffset.UTC));
  }

  private static byte[] hmac(String key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
