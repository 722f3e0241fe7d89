package io.feishubot.outbound;

/** Posts a reply in the thread of a received message. */
public interface ReplySender {

  /**
   * Replies to {@code messageId}. {@code uuid} must be the same for every attempt at the same
   * reply: Feishu then posts it at most once within an hour, however often it is resent.
   *
   * @throws FeishuApiException when Feishu refuses or cannot be reached in time
   */
  void reply(String messageId, OutgoingMessage message, String uuid);
}
