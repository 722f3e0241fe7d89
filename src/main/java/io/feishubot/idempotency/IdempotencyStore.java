package io.feishubot.idempotency;

import java.time.Instant;
import java.util.Optional;

/**
 * Remembers which events were claimed or processed. Time is always passed in, never read inside, so
 * expiry is testable and every instance agrees on what "now" means for one request.
 */
public interface IdempotencyStore {

  /**
   * Atomically claims {@code key} unless another claim holds it. A claim is free when there is
   * none, when its retention has passed, or when it is still in progress but its in-progress expiry
   * ({@code inProgressUntil} of the earlier claim) has passed, which means its owner died.
   *
   * <p>Losing costs no extra read: the result says the key is {@link ClaimResult.Taken taken} and
   * carries the holder's status only when the store learnt it for free.
   *
   * @param now the current time
   * @param inProgressUntil when this claim stops blocking others if it is never completed
   * @throws IdempotencyStoreUnavailableException when the store cannot answer; the caller must not
   *     process the event
   */
  ClaimResult claim(IdempotencyKey key, Instant now, Instant inProgressUntil);

  /**
   * Reads, consistently, the claim that holds {@code key} at {@code now}: empty when none does,
   * that is when a claim at {@code now} would succeed. For callers that must know more than {@link
   * ClaimResult.Taken} told them, such as one replaying a stored response.
   *
   * @throws IdempotencyStoreUnavailableException when the store cannot answer
   */
  Optional<ClaimStatus> find(IdempotencyKey key, Instant now);

  /**
   * Marks a claim held by the caller as done, kept until {@code now} plus the retention.
   *
   * <p>An unconditional write: it also records a key nobody claimed, and replaces an earlier
   * response. Records that a caller keeps up to date under a lock of its own (the alert receiver's
   * group → card mapping) rely on that.
   *
   * @param response a response to replay to later duplicates, if the event has one
   */
  void complete(IdempotencyKey key, Instant now, Optional<String> response);

  /**
   * Extends a claim the caller holds and is still working on (a long job's lease) to {@code
   * inProgressUntil}. Returns {@code true} while that in-progress claim is still there and has not
   * lapsed; {@code false} when it was completed, released, or lapsed at {@code now} (another worker
   * may have taken it over), and then nothing is written.
   *
   * @throws IdempotencyStoreUnavailableException when the store cannot answer
   */
  boolean renew(IdempotencyKey key, Instant now, Instant inProgressUntil);

  /** Drops a claim held by the caller so that a redelivery can process the event. */
  void release(IdempotencyKey key);

  /**
   * Whether a call may wait on I/O or a lock, so must not run on an event loop. True unless the
   * store answers from memory without waiting.
   */
  default boolean mayBlock() {
    return true;
  }
}
