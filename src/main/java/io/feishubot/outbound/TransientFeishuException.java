package io.feishubot.outbound;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure worth retrying: HTTP 5xx, a rate limit, or no answer at all. It also says when a retry
 * may happen: not before Feishu's rate-limit reset, and not later than the event's deadline allows
 * ({@link #retryWindow()}). {@link FeishuBackoff} and {@link RetryableWithinBudget} read both.
 */
public sealed class TransientFeishuException extends FeishuApiException
    permits RateLimitedFeishuException {

  private static final long serialVersionUID = 1L;

  private final boolean rateLimited;
  private final transient Optional<Duration> rateLimitReset;
  private final transient Duration retryWindow;

  /** Use {@link #of}, which picks {@link RateLimitedFeishuException} for a rate limit. */
  TransientFeishuException(
      OpenApiEndpoint endpoint,
      int httpStatus,
      int code,
      String feishuMessage,
      Duration rateLimitReset,
      Duration retryWindow) {
    super(endpoint, httpStatus, code, feishuMessage, null);
    this.rateLimited = FailureKind.isRateLimit(endpoint, httpStatus, code);
    this.rateLimitReset = Optional.ofNullable(rateLimitReset);
    this.retryWindow = retryWindow;
  }

  /**
   * The exception for a transient answer: a {@link RateLimitedFeishuException} when Feishu
   * throttled the call, so that the circuit breaker can tell a rate limit from an endpoint failure
   * by type.
   */
  static TransientFeishuException of(
      OpenApiEndpoint endpoint,
      int httpStatus,
      int code,
      String feishuMessage,
      Duration rateLimitReset,
      Duration retryWindow) {
    return FailureKind.isRateLimit(httpStatus, code)
        ? new RateLimitedFeishuException(
            endpoint, httpStatus, code, feishuMessage, rateLimitReset, retryWindow)
        : new TransientFeishuException(
            endpoint, httpStatus, code, feishuMessage, rateLimitReset, retryWindow);
  }

  @Override
  public FailureKind kind() {
    return FailureKind.TRANSIENT;
  }

  /** Whether Feishu throttled the call. */
  public boolean rateLimited() {
    return rateLimited;
  }

  /** From {@code x-ogw-ratelimit-reset}: wait at least this long before the next attempt. */
  public Optional<Duration> rateLimitReset() {
    return rateLimitReset;
  }

  /**
   * How long, from the failure, a retry may still start and have its full attempt time before the
   * event's deadline. Negative when there is no time left.
   */
  public Duration retryWindow() {
    return retryWindow;
  }

  /** Whether a retry fits: some time is left, and at least the rate-limit reset. */
  public boolean retryFits() {
    return !retryWindow.isNegative()
        && retryWindow.compareTo(rateLimitReset.orElse(Duration.ZERO)) >= 0;
  }
}
