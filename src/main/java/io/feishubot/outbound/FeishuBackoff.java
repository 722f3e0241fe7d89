package io.feishubot.outbound;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * The delay before each retry of an Open API call: exponential from {@code Retry/delay} (doubling
 * per retry) with up to 50% random jitter on top, never shorter than Feishu's rate-limit reset and
 * never longer than the event's deadline allows.
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
    nextBaseMillis = Math.max(1, initialDelayInMillis);
  }

  @Override
  public long nextDelayInMillis(Throwable failure) {
    long base = nextBaseMillis;
    nextBaseMillis = Math.min(base * 2, MAX_BASE_MILLIS);
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
