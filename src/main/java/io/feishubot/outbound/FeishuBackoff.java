package io.feishubot.outbound;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.RateLimitException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * The delay before each retry of an Open API call: exponential from {@code Retry/delay} (doubling
 * per retry) with up to 50% random jitter on top, never shorter than Feishu's rate-limit reset and
 * never longer than the event's deadline allows; after our own rate limit refused a call, the wait
 * it names.
 *
 * <p>A custom strategy rather than {@code @ExponentialBackoff}, because the delay depends on the
 * failure: {@code x-ogw-ratelimit-reset} sets a floor and the deadline a ceiling, both carried by
 * {@link TransientFeishuException}. SmallRye makes one instance per guarded invocation, so the
 * exponent is per call.
 */
public final class FeishuBackoff implements CustomBackoffStrategy {

  /** Keeps the doubling from overflowing; far beyond any deadline. */
  private static final long MAX_BASE_MILLIS = 60_000;

  private final LongUnaryOperator jitter;
  private long initialMillis = 1;
  private long nextBaseMillis = 1;

  /** Used by SmallRye: jitter is uniform in {@code [0, base/2]}. */
  public FeishuBackoff() {
    this(base -> ThreadLocalRandom.current().nextLong(base / 2 + 1));
  }

  FeishuBackoff(LongUnaryOperator jitter) {
    this.jitter = jitter;
  }

  @Override
  public void init(long initialDelayInMillis) {
    initialMillis = Math.max(1, initialDelayInMillis);
    nextBaseMillis = initialMillis;
  }

  @Override
  public long nextDelayInMillis(Throwable failure) {
    long base = nextBaseMillis;
    nextBaseMillis = Math.min(base * 2, MAX_BASE_MILLIS);
    if (failure instanceof RateLimitException ownLimit) {
      // Our own rate limit (a custom bot's) held the call back: wait until the slot it names,
      // and at least the initial delay (it may name none) with up to as much again at random,
      // so that callers held back together take the next slots in turn rather than doubling
      // their waits. The next attempt checks that the deadline still leaves room.
      long spread = initialMillis + 2 * jitter.applyAsLong(initialMillis);
      return Math.max(ownLimit.getRetryAfterMillis(), spread);
    }
    if (!(failure instanceof TransientFeishuException transientFailure)) {
      // A timed-out attempt has already waited its whole timeout: retry at once, while the
      // deadline still has room (the next attempt checks that itself).
      return 0;
    }
    long delay = base + jitter.applyAsLong(base);
    long floor = transientFailure.rateLimitReset().map(Duration::toMillis).orElse(0L);
    long ceiling = Math.max(0, transientFailure.retryWindow().toMillis());
    // RetryableWithinBudget retries only when floor <= ceiling.
    return Math.min(Math.max(delay, floor), ceiling);
  }
}
