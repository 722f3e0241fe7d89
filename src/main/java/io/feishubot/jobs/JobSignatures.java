package io.feishubot.jobs;

import io.feishubot.config.FeishuConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The app's {@link JobCodec}: keyed by the {@link JobSigningKey} derived from its settings, and
 * accepting a job for the longest job timeout plus {@link #LAMBDA_RETRY_WINDOW}. Without an App
 * Secret there is no key: nothing can be signed, and every job payload is refused.
 */
@ApplicationScoped
public class JobSignatures {

  /**
   * How long after its acknowledgement Lambda may still deliver a job: {@code serverless.yml} sets
   * the function's {@code maximumEventAge} to 3600 s, after which Lambda hands the event to the
   * on-failure queue instead of retrying it. Its two retries come 1 and 2 minutes after a failed
   * attempt (each attempt at most the function's timeout), well inside that hour unless Lambda is
   * throttling the function. Keep the two numbers equal.
   */
  public static final Duration LAMBDA_RETRY_WINDOW = Duration.ofHours(1);

  private final Optional<JobCodec> codec;

  JobSignatures(FeishuConfig config, Clock clock) {
    this.codec =
        config
            .appSecret()
            .filter(secret -> !secret.isBlank())
            .map(
                secret ->
                    new JobCodec(
                        JobSigningKey.derive(
                            secret, config.encryptKey(), config.verificationToken()),
                        longestJobTimeout(config).plus(LAMBDA_RETRY_WINDOW),
                        clock));
  }

  /** The codec, when the app has an App Secret to derive its key from. */
  public Optional<JobCodec> codec() {
    return codec;
  }

  /** Verifies a job payload; refused as {@code UNSIGNED} when there is no key at all. */
  public JobCodec.Verification verify(byte[] payload, String signature) {
    return codec
        .map(c -> c.verify(payload, signature))
        .orElse(new JobCodec.Verification.Refused(JobCodec.Refusal.UNSIGNED));
  }

  /** {@code feishu.jobs.timeout}, or a configured command's timeout if that is longer. */
  static Duration longestJobTimeout(FeishuConfig config) {
    return Stream.concat(
            Stream.of(config.jobs().timeout()),
            config.commands().values().stream().map(FeishuConfig.Command::timeout))
        .max(Duration::compareTo)
        .orElseThrow();
  }
}
