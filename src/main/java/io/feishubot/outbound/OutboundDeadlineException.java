package io.feishubot.outbound;

import java.time.Duration;

/**
 * Not enough of the event's deadline is left to start an attempt: giving up now lets the event be
 * answered 503 in time, and Feishu redelivers it later.
 */
public final class OutboundDeadlineException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  OutboundDeadlineException(OpenApiEndpoint endpoint, Duration remaining) {
    super(
        endpoint.tag()
            + " not attempted: "
            + remaining.toMillis()
            + " ms left before the deadline");
  }
}
