package io.feishubot.feishu;

import static io.feishubot.feishu.JsonCursor.once;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads the {@code event} of {@code im.chat.member.bot.added_v1} and {@code
 * im.chat.member.bot.deleted_v1}, which share one shape: {@code chat_id}, {@code operator_id},
 * {@code operator_tenant_key}, {@code name}, {@code external}.
 */
final class ChatMembershipReader {

  /** Builds the event record from the fields read. */
  @FunctionalInterface
  interface Factory<E extends FeishuEvent> {
    E create(
        String chatId,
        UserIds operator,
        String operatorTenantKey,
        String chatName,
        boolean external);
  }

  private ChatMembershipReader() {}

  /** Reads the event object just entered; null (with the cursor's problem set) if unreadable. */
  static <E extends FeishuEvent> E read(JsonCursor cursor, Factory<E> factory) throws IOException {
    String chatId = null;
    UserIds operator = UserIds.NONE;
    String operatorTenantKey = null;
    String chatName = null;
    Boolean external = null;
    int mark = cursor.enter();
    int seen = 0;
    for (String name = cursor.nextName(); name != null; name = cursor.nextName()) {
      JsonToken value = cursor.next();
      switch (name) {
        case "chat_id" -> {
          seen = once(seen, 1 << 0);
          chatId = cursor.string(value, "chat_id");
        }
        case "operator_id" -> {
          seen = once(seen, 1 << 1);
          operator = UserIdsReader.read(cursor, value, "operator_id");
        }
        case "operator_tenant_key" -> {
          seen = once(seen, 1 << 2);
          operatorTenantKey = cursor.string(value, "operator_tenant_key");
        }
        case "name" -> {
          seen = once(seen, 1 << 3);
          chatName = cursor.string(value, "name");
        }
        case "external" -> {
          seen = once(seen, 1 << 4);
          external = cursor.bool(value, "external");
        }
        default -> cursor.other(mark, name, value);
      }
    }
    cursor.leave(mark);
    if (chatId == null || chatId.isBlank()) {
      cursor.problem("chat_id missing");
    }
    if (cursor.problem() != null) {
      return null;
    }
    return factory.create(
        chatId, operator, operatorTenantKey, chatName, Boolean.TRUE.equals(external));
  }
}
