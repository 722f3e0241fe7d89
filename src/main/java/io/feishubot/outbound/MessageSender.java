package io.feishubot.outbound;

import io.feishubot.message.MessageContent;
import io.feishubot.message.SentMessage;
import io.smallrye.mutiny.Uni;
import java.time.Instant;

/**
 * Posts and updates the bot's messages. The default sends through the Open API (or logs a dry run
 * without credentials); declare your own {@code @ApplicationScoped} bean of this type to replace
 * it, for example to record what would be sent.
 *
 * <p>Nothing is sent until the result is subscribed to, and no method blocks the subscribing
 * thread, so it may be an event loop. {@code uuid} must be the same for every attempt at the same
 * message: Feishu then posts it at most once within an hour, however often it is resent. Each call
 * gives up by {@code deadline}.
 *
 * <p>Results fail with {@link FeishuApiException} when Feishu refuses or cannot be reached, {@link
 * OutboundDeadlineException} when the deadline leaves no time for an attempt, and {@link
 * org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException} when an attempt timed
 * out, the circuit is open or too many calls are in flight.
 */
public interface MessageSender {

  /**
   * Replies in the thread of {@code messageId}.
   *
   * @param chatId the chat {@code messageId} is in, or null when not known: sends into one chat are
   *     paced to Feishu's limit for it
   */
  Uni<SentMessage> reply(
      String chatId, String messageId, MessageContent content, String uuid, Instant deadline);

  /** Sends to a chat ({@code receive_id_type=chat_id}), not as a reply. */
  Uni<SentMessage> sendToChat(String chatId, MessageContent content, String uuid, Instant deadline);

  /**
   * Replaces the content of a card message the bot sent ({@code PATCH}); only shared cards can be
   * updated, which every card of the message model is.
   */
  Uni<Void> updateCard(String messageId, MessageContent content, Instant deadline);
}
