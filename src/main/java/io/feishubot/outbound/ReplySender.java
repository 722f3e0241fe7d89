package io.feishubot.outbound;

import io.smallrye.mutiny.Uni;
import java.time.Instant;

/** Posts a reply in the thread of a received message. */
public interface ReplySender {

  /**
   * Replies to {@code messageId}, which was posted in {@code chatId}, giving up by {@code
   * deadline}. Sends into one chat are paced ({@link ChatPacer}), which is why the chat is named.
   * {@code uuid} must be the same for every attempt at the same reply: Feishu then posts it at most
   * once within an hour, however often it is resent. Nothing is sent until the result is subscribed
   * to; it never blocks the subscribing thread, so it may be an event loop.
   *
   * <p>The result fails with {@link FeishuApiException} when Feishu refuses or cannot be reached,
   * {@link OutboundDeadlineException} when the deadline leaves no time for an attempt, and {@link
   * org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException} when an attempt
   * timed out or the circuit is open, and {@link OutboundBusyException} when the chat's send pace
   * or the calls already in flight leave no slot before the deadline.
   */
  Uni<Void> reply(
      String chatId, String messageId, OutgoingMessage message, String uuid, Instant deadline);
}
