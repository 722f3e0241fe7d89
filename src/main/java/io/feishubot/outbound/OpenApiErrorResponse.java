package io.feishubot.outbound;

import java.time.Duration;

/**
 * An HTTP error answer as the REST client saw it, before {@link OutboundAttempts} classifies it
 * with the endpoint and the event's deadline. Never leaves this package.
 */
final class OpenApiErrorResponse extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final int code;
  private final String feishuMessage;
  private final transient Duration rateLimitReset;

  OpenApiErrorResponse(int httpStatus, int code, String feishuMessage, Duration rateLimitReset) {
    super("HTTP " + httpStatus + ", code " + code, null, false, false);
    this.httpStatus = httpStatus;
    this.code = code;
    this.feishuMessage = feishuMessage;
    this.rateLimitReset = rateLimitReset;
  }

  int httpStatus() {
    return httpStatus;
  }

  int code() {
    return code;
  }

  String feishuMessage() {
    return feishuMessage;
  }

  /** From {@code x-ogw-ratelimit-reset}, or null. */
  Duration rateLimitReset() {
    return rateLimitReset;
  }
}
