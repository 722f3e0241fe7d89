package io.feishubot.feishu;

import java.util.Objects;

/**
 * {@code im.chat.member.bot.added_v1}: the bot was added to a group chat.
 *
 * @param chatId the chat, {@code oc_…}; always present
 * @param operator who added the bot
 * @param operatorTenantKey the operator's tenant; may be null
 * @param chatName the chat's name; may be null
 * @param external whether the chat is an external (cross-tenant) chat
 */
public record BotAddedToChat(
    String chatId, UserIds operator, String operatorTenantKey, String chatName, boolean external)
    implements FeishuEvent {

  public static final String EVENT_TYPE = "im.chat.member.bot.added_v1";

  public BotAddedToChat {
    Objects.requireNonNull(chatId, "chatId");
    Objects.requireNonNull(operator, "operator");
  }

  @Override
  public String eventType() {
    return EVENT_TYPE;
  }
}
