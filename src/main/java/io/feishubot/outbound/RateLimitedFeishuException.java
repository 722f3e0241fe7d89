package io.feishubot.outbound;

import java.time.Duration;

/**
 * Feishu throttled the call (HTTP 429, code 99991400, 11232 or 230020): retried after its {@code
 * x-ogw-ratelimit-reset} like any transient failure, but never counted against the circuit breaker.
 * A rate limit says the app or one chat sent too much, not that the endpoint is unwell; opening the
 * circuit on it would fail every chat's replies for one busy chat.
 */
public final class RateLimitedFeishuException extends TransientFeishuException {

  private static final long serialVersionUID = 1L;

  RateLimitedFeishuException(
      OpenApiEndpoint endpoint,
      int httpStatus,
      int code,
      String feishuMessage,
      Duration rateLimitReset,
      Duration retryWindow) {
    super(endpoint, httpStatus, code, feishuMessage, rateLimitReset, retryWindow);
  }
}
