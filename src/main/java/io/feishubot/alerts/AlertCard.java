package io.feishubot.alerts;

import java.util.Objects;
import java.util.Optional;

/**
 * What the bot last posted for an alert group: where, the card's message (the app bot's; a custom
 * bot's messages have no id), a digest of the card as rendered, and the group as notified.
 *
 * @param chatId the app bot's chat; empty for the custom bot
 */
record AlertCard(
    Channel channel,
    String chatId,
    Optional<String> messageId,
    String digest,
    Notification notification) {

  AlertCard {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(chatId, "chatId");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(notification, "notification");
  }

  AlertCard withDigest(String newDigest) {
    return new AlertCard(channel, chatId, messageId, newDigest, notification);
  }

  /** Where alert cards go. */
  enum Channel {
    /** Posted and updated by the app bot in a chat, with buttons. */
    APP,
    /** Posted by a group's custom bot: no buttons that call back, no updates. */
    CUSTOM_BOT
  }
}
