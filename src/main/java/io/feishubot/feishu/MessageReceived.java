package io.feishubot.feishu;

import static io.feishubot.feishu.JsonFields.optionalObject;
import static io.feishubot.feishu.JsonFields.optionalString;
import static io.feishubot.feishu.JsonFields.requiredObject;
import static io.feishubot.feishu.JsonFields.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code event} object of {@code im.message.receive_v1}. Absent fields are null; {@code
 * content} is still the JSON-encoded string Feishu sends (for text: {@code {"text":"@_user_1
 * /help"}}), with mention placeholders resolvable through {@code mentions}.
 *
 * @param sender null if the event carries no {@code sender}
 */
public record MessageReceived(Sender sender, Message message) {

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
   * Reads the event object of an {@link EventCallback} whose type is {@link #EVENT_TYPE}.
   *
   * @throws MalformedPayloadException if {@code message.message_id} or {@code message.message_type}
   *     is missing, or a field has the wrong JSON type
   */
  public static MessageReceived from(JsonNode event) {
    if (event == null || !event.isObject()) {
      throw new MalformedPayloadException("event is not an object");
    }
    return new MessageReceived(sender(event), message(event));
  }

  private static Sender sender(JsonNode event) {
    JsonNode sender = optionalObject(event, "sender", "sender");
    if (sender == null) {
      return null;
    }
    JsonNode ids = emptyIfNull(optionalObject(sender, "sender_id", "sender.sender_id"));
    return new Sender(
        optionalString(sender, "sender_type", "sender.sender_type"),
        optionalString(ids, "open_id", "sender.sender_id.open_id"),
        optionalString(ids, "user_id", "sender.sender_id.user_id"),
        optionalString(ids, "union_id", "sender.sender_id.union_id"),
        optionalString(sender, "tenant_key", "sender.tenant_key"));
  }

  private static Message message(JsonNode event) {
    JsonNode message = requiredObject(event, "message", "message");
    return new Message(
        requiredString(message, "message_id", "message.message_id"),
        optionalString(message, "root_id", "message.root_id"),
        optionalString(message, "parent_id", "message.parent_id"),
        optionalString(message, "thread_id", "message.thread_id"),
        optionalString(message, "chat_id", "message.chat_id"),
        optionalString(message, "chat_type", "message.chat_type"),
        requiredString(message, "message_type", "message.message_type"),
        optionalString(message, "content", "message.content"),
        mentions(message));
  }

  private static List<Mention> mentions(JsonNode message) {
    JsonNode array = message.get("mentions");
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new MalformedPayloadException("message.mentions is not an array");
    }
    List<Mention> mentions = new ArrayList<>(array.size());
    for (JsonNode mention : array) {
      if (!mention.isObject()) {
        throw new MalformedPayloadException("message.mentions entry is not an object");
      }
      JsonNode id = emptyIfNull(optionalObject(mention, "id", "mention.id"));
      mentions.add(
          new Mention(
              optionalString(mention, "key", "mention.key"),
              optionalString(id, "open_id", "mention.id.open_id"),
              optionalString(id, "user_id", "mention.id.user_id"),
              optionalString(id, "union_id", "mention.id.union_id"),
              optionalString(mention, "name", "mention.name")));
    }
    return mentions;
  }

  private static JsonNode emptyIfNull(JsonNode node) {
    return node == null ? MissingNode.getInstance() : node;
  }
}
