package io.feishubot.feishu;

import static io.feishubot.feishu.JsonCursor.once;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the {@code event} object of {@code im.message.receive_v1} into {@link MessageReceived}, in
 * any field order. The message must have a {@code message_id} and a {@code message_type}; a field
 * of the wrong type makes the event unreadable. A mention may lack any of its fields.
 */
final class MessageEventReader {

  private final JsonCursor cursor;
  private boolean senderPresent;
  private String senderType;
  private UserIds senderIds = UserIds.NONE;
  private String senderTenantKey;
  private boolean messagePresent;
  private String messageId;
  private String rootId;
  private String parentId;
  private String threadId;
  private String chatId;
  private String chatType;
  private String messageType;
  private String content;
  private MessageReceived.Mention[] mentions;
  private int mentionCount;

  private MessageEventReader(JsonCursor cursor) {
    this.cursor = cursor;
  }

  /** Reads the event object just entered; null (with the cursor's problem set) if unreadable. */
  static MessageReceived read(JsonCursor cursor) throws IOException {
    return new MessageEventReader(cursor).event();
  }

  private MessageReceived event() throws IOException {
    int mark = cursor.enter();
    int seen = 0;
    for (String name = cursor.nextName(); name != null; name = cursor.nextName()) {
      JsonToken value = cursor.next();
      switch (name) {
        case "sender" -> {
          seen = once(seen, 1 << 0);
          sender(value);
        }
        case "message" -> {
          seen = once(seen, 1 << 1);
          message(value);
        }
        default -> cursor.other(mark, name, value);
      }
    }
    cursor.leave(mark);
    return build();
  }

  private void sender(JsonToken token) throws IOException {
    if (!cursor.object(token, "sender")) {
      return;
    }
    senderPresent = true;
    int mark = cursor.enter();
    int seen = 0;
    for (String name = cursor.nextName(); name != null; name = cursor.nextName()) {
      JsonToken value = cursor.next();
      switch (name) {
        case "sender_type" -> {
          seen = once(seen, 1 << 0);
          senderType = cursor.string(value, "sender.sender_type");
        }
        case "tenant_key" -> {
          seen = once(seen, 1 << 1);
          senderTenantKey = cursor.string(value, "sender.tenant_key");
        }
        case "sender_id" -> {
          seen = once(seen, 1 << 2);
          senderIds = UserIdsReader.read(cursor, value, "sender.sender_id");
        }
        default -> cursor.other(mark, name, value);
      }
    }
    cursor.leave(mark);
  }

  private void message(JsonToken token) throws IOException {
    if (!cursor.object(token, "message")) {
      return;
    }
    messagePresent = true;
    int mark = cursor.enter();
    int seen = 0;
    for (String name = cursor.nextName(); name != null; name = cursor.nextName()) {
      JsonToken value = cursor.next();
      switch (name) {
        case "message_id" -> {
          seen = once(seen, 1 << 0);
          messageId = cursor.string(value, "message.message_id");
        }
        case "root_id" -> {
          seen = once(seen, 1 << 1);
          rootId = cursor.string(value, "message.root_id");
        }
        case "parent_id" -> {
          seen = once(seen, 1 << 2);
          parentId = cursor.string(value, "message.parent_id");
        }
        case "thread_id" -> {
          seen = once(seen, 1 << 3);
          threadId = cursor.string(value, "message.thread_id");
        }
        case "chat_id" -> {
          seen = once(seen, 1 << 4);
          chatId = cursor.string(value, "message.chat_id");
        }
        case "chat_type" -> {
          seen = once(seen, 1 << 5);
          chatType = cursor.string(value, "message.chat_type");
        }
        case "message_type" -> {
          seen = once(seen, 1 << 6);
          messageType = cursor.string(value, "message.message_type");
        }
        case "content" -> {
          seen = once(seen, 1 << 7);
          content = cursor.string(value, "message.content");
        }
        case "mentions" -> {
          seen = once(seen, 1 << 8);
          mentions(value);
        }
        default -> cursor.other(mark, name, value);
      }
    }
    cursor.leave(mark);
  }

  private void mentions(JsonToken token) throws IOException {
    mentionCount = 0;
    if (token == JsonToken.VALUE_NULL) {
      return;
    }
    if (token != JsonToken.START_ARRAY) {
      cursor.problem("message.mentions is not an array");
      cursor.skip(token);
      return;
    }
    for (JsonToken entry = cursor.next(); entry != JsonToken.END_ARRAY; entry = cursor.next()) {
      if (entry == null) {
        throw JsonCursor.Decline.INSTANCE;
      }
      if (entry != JsonToken.START_OBJECT) {
        cursor.problem("message.mentions entry is not an object");
        cursor.skip(entry);
        continue;
      }
      addMention(mention());
    }
  }

  private MessageReceived.Mention mention() throws IOException {
    String key = null;
    String displayName = null;
    UserIds ids = UserIds.NONE;
    int mark = cursor.enter();
    int seen = 0;
    for (String name = cursor.nextName(); name != null; name = cursor.nextName()) {
      JsonToken value = cursor.next();
      switch (name) {
        case "key" -> {
          seen = once(seen, 1 << 0);
          key = cursor.string(value, "mention.key");
        }
        case "name" -> {
          seen = once(seen, 1 << 1);
          displayName = cursor.string(value, "mention.name");
        }
        case "id" -> {
          seen = once(seen, 1 << 2);
          ids = UserIdsReader.read(cursor, value, "mention.id");
        }
        default -> cursor.other(mark, name, value);
      }
    }
    cursor.leave(mark);
    return new MessageReceived.Mention(key, ids.openId(), ids.userId(), ids.unionId(), displayName);
  }

  private void addMention(MessageReceived.Mention mention) {
    if (mentions == null) {
      mentions = new MessageReceived.Mention[4];
    } else if (mentionCount == mentions.length) {
      mentions = Arrays.copyOf(mentions, mentionCount * 2);
    }
    mentions[mentionCount++] = mention;
  }

  private List<MessageReceived.Mention> mentionList() {
    return switch (mentionCount) {
      case 0 -> List.of();
      case 1 -> List.of(mentions[0]);
      default -> List.of(Arrays.copyOf(mentions, mentionCount));
    };
  }

  private MessageReceived build() {
    if (!messagePresent) {
      cursor.problem("message missing");
    } else if (messageId == null || messageId.isBlank()) {
      cursor.problem("message.message_id missing");
    } else if (messageType == null || messageType.isBlank()) {
      cursor.problem("message.message_type missing");
    }
    if (cursor.problem() != null) {
      return null;
    }
    MessageReceived.Sender sender =
        senderPresent
            ? new MessageReceived.Sender(
                senderType,
                senderIds.openId(),
                senderIds.userId(),
                senderIds.unionId(),
                senderTenantKey)
            : null;
    return new MessageReceived(
        sender,
        new MessageReceived.Message(
            messageId,
            rootId,
            parentId,
            threadId,
            chatId,
            chatType,
            messageType,
            content,
            mentionList()));
  }
}
