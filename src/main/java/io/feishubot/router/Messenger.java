package io.feishubot.router;

import io.feishubot.message.Card;
import io.feishubot.message.Message;
import io.feishubot.message.SentMessage;
import io.smallrye.mutiny.Uni;

/**
 * What a handler may send, on behalf of the event it handles. Every call goes through the outbound
 * fault-tolerance policy within the event's deadline, and carries a {@code uuid} derived from the
 * event and the call's place among the handler's calls: a rerun of the same handler for the same
 * event (a redelivery after a failure) sends the same uuids, and Feishu posts each at most once.
 *
 * <p>Nothing is sent until the result is subscribed to, and no call blocks. A message over Feishu's
 * size limits fails with {@link io.feishubot.message.MessageTooLargeException} before any request.
 * {@link Message#none()} sends nothing.
 */
public interface Messenger {

  /** Replies in the thread of {@code messageId}. */
  Uni<SentMessage> reply(String messageId, Message message);

  /** Posts to a chat ({@code oc_…}), not as a reply. */
  Uni<SentMessage> sendToChat(String chatId, Message message);

  /**
   * Replaces a card message the bot sent with {@code card} (only shared cards can be; ours are).
   */
  Uni<Void> updateCard(String messageId, Card card);
}
