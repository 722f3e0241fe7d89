package io.feishubot.outbound;

import java.time.Duration;
import java.util.Optional;

/**
 * The Open API said no: an HTTP error or a non-zero {@code code}. Carries only Feishu's code and
 * message, never a request body or token, so it is safe to log.
 */
public class FeishuApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final int code;
  private final transient Optional<Duration> rateLimitReset;

  public FeishuApiException(
      String endpoint, int httpStatus, int code, String feishuMessage, Duration rateLimitReset) {
    super(endpoint + " failed: HTTP " + httpStatus + ", code " + code + ", msg " + feishuMessage);
    this.httpStatus = httpStatus;
    this.code = code;
    this.rateLimitReset = Optional.ofNullable(rateLimitReset);
  }

  public int httpStatus() {
    return httpStatus;
  }

  public int code() {
    return code;
  }

  /** From {@code x-ogw-ratelimit-reset} when Feishu rate limited the call. */
  public Optional<Duration> rateLimitReset() {
    return rateLimitReset;
  }
}
