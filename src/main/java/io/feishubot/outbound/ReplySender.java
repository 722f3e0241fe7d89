package io.feishubot.outbound;

import java.time.Instant;

/** Posts a reply in the thread of a received message. */
public interface ReplySender {

  /**
   * Replies to {@code messageId}, giving up by {@code deadline}. {@code uuid} must be the same for
   * every attempt at the same reply: Feishu then posts it at most once within an hour, however
   * often it is resent.
   *
   * @throws FeishuApiException when Feishu refuses or cannot be reached
   * @throws OutboundDeadlineException when the deadline leaves no time for an attempt
   * @throws org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException when an
   *     attempt timed out, the circuit is open or too many calls are in flight
   */
  void reply(String messageId, OutgoingMessage message, String uuid, Instant deadline);
}
