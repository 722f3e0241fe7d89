package io.feishubot.feishu;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * The {@code event} object of {@code im.message.receive_v1}. Absent fields are null; {@code
 * content} is still the JSON-encoded string Feishu sends (for text: {@code {"text":"@_user_1
 * /help"}}), with mention placeholders resolvable through {@code mentions}.
 *
 * @param sender null if the event carries no {@code sender}
 */
public record MessageReceived(Sender sender, Message message) implements FeishuEvent {

  public static final String EVENT_TYPE = "im.message.receive_v1";

  public MessageReceived {
    Objects.requireNonNull(message, "message");
  }

  /** Who sent it; the three ids come from {@code sender.sender_id}. */
  public record Sender(
      String senderType, String openId, String userId, String unionId, String tenantKey) {}

  /** The message; {@code messageId} and {@code messageType} are always present. */
  public record Message(
      String messageId,
      String rootId,
      String parentId,
      String threadId,
      String chatId,
      String chatType,
      String messageType,
      String content,
      List<Mention> mentions) {

    public Message {
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(messageType, "messageType");
      mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }
  }

  /** One {@code @} in the text: {@code key} is the placeholder (e.g. {@code @_user_1}). */
  public record Mention(String key, String openId, String userId, String unionId, String name) {}

  /**
   * Reads the {@code event} object of an {@code im.message.receive_v1} delivery.
   *
   * @throws MalformedPayloadException naming the first field that is missing or of the wrong type
   */
  public static MessageReceived from(JsonNode event) {
    return switch (EventReaders.fromTree(EVENT_TYPE, event)) {
      case MessageReceived received -> received;
      case UnreadableEvent unreadable -> throw new MalformedPayloadException(unreadable.problem());
      default -> throw new IllegalStateException("not a message event");
    };
  }

  @Override
  public String eventType() {
    return EVENT_TYPE;
  }
}
