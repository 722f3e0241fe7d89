package io.feishubot.jobs;

import io.feishubot.feishu.ConstantTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Turns a {@link Job} into a signed payload for another invocation of the function, and back.
 *
 * <p>The signature is HMAC-SHA256 under a {@link JobSigningKey} over the exact payload bytes, sent
 * as {@code sha256=<hex>}; it is checked, in constant time, before the payload is parsed. A job is
 * refused when unsigned, when the signature does not match, when the payload is not a job, or when
 * it was acknowledged longer ago than {@code maxAge} (or is dated more than {@link
 * #MAX_FUTURE_SKEW} ahead): a captured payload cannot be replayed later. Pure: no framework, time
 * from the {@link Clock} it is given.
 */
public final class JobCodec {

  /** The header that carries a job payload's signature. */
  public static final String SIGNATURE_HEADER = "X-Feishu-Job-Signature";

  /** How far ahead of this clock a job's acknowledgement may be dated (clocks of two instances). */
  public static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(1);

  private static final String SCHEME = "sha256=";
  private static final int SHA256_BYTES = 32;

  private final JobSigningKey key;
  private final Duration maxAge;
  private final Clock clock;

  /**
   * @param maxAge how long after its acknowledgement a job may still arrive: the job's timeout plus
   *     every retry the platform may make
   */
  public JobCodec(JobSigningKey key, Duration maxAge, Clock clock) {
    this.key = Objects.requireNonNull(key, "key");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The job's payload and its signature. */
  public SignedJob sign(Job job) {
    byte[] payload = JobJson.write(job);
    return new SignedJob(payload, SCHEME + HexFormat.of().formatHex(key.sign(payload)));
  }

  /**
   * Checks {@code signature} over {@code payload}, then reads the job and checks its age.
   *
   * @param signature the signature header's value; {@code null} when the header is missing
   */
  public Verification verify(byte[] payload, String signature) {
    if (payload == null || signature == null || signature.isBlank()) {
      return new Verification.Refused(Refusal.UNSIGNED);
    }
    if (!signature.startsWith(SCHEME)
        || !ConstantTime.equalsHex(
            key.sign(payload), signature.substring(SCHEME.length()), SHA256_BYTES)) {
      return new Verification.Refused(Refusal.BAD_SIGNATURE);
    }
    Job job;
    try {
      job = JobJson.read(payload);
    } catch (JobJson.MalformedJobException e) {
      return new Verification.Refused(Refusal.MALFORMED);
    }
    Instant now = clock.instant();
    if (job.acknowledgedAt().isBefore(now.minus(maxAge))
        || job.acknowledgedAt().isAfter(now.plus(MAX_FUTURE_SKEW))) {
      return new Verification.Refused(Refusal.STALE);
    }
    return new Verification.Accepted(job);
  }

  /** What {@link #verify} found. */
  public sealed interface Verification {

    /** Signed by us, readable and recent: run it. */
    record Accepted(Job job) implements Verification {}

    /** Not to be run; the reason is safe to log (it carries nothing of the payload). */
    record Refused(Refusal reason) implements Verification {}
  }

  /** Why a job payload was refused. */
  public enum Refusal {
    /** No signature header. */
    UNSIGNED,
    /** A signature that is not ours over these bytes. */
    BAD_SIGNATURE,
    /** Signed by us, but not a job of this version (a bug, or a deploy of another version). */
    MALFORMED,
    /** Acknowledged longer ago than the codec's maximum age, or dated ahead of the clock. */
    STALE
  }
}
