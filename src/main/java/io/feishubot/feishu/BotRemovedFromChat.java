package io.feishubot.feishu;

import java.util.Objects;

/**
 * {@code im.chat.member.bot.deleted_v1}: the bot was removed from a group chat (or the chat was
 * dissolved). The components are those of {@link BotAddedToChat}.
 */
public record BotRemovedFromChat(
    String chatId, UserIds operator, String operatorTenantKey, String chatName, boolean external)
    implements FeishuEvent {

  public static final String EVENT_TYPE = "im.chat.member.bot.deleted_v1";

  public BotRemovedFromChat {
    Objects.requireNonNull(chatId, "chatId");
    Objects.requireNonNull(operator, "operator");
  }

  @Override
  public String eventType() {
    return EVENT_TYPE;
  }
}
