package io.feishubot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.UUID;

/**
 * The plaintext of the events the emulator delivers, in Feishu's schema 2.0 shapes: a message
 * ({@code im.message.receive_v1}), the bot joining a group ({@code im.chat.member.bot.added_v1})
 * and a card button press ({@code card.action.trigger}).
 */
final class EventJson {

  static final String MESSAGE_RECEIVED = "im.message.receive_v1";
  static final String BOT_ADDED = "im.chat.member.bot.added_v1";
  static final String CARD_ACTION = "card.action.trigger";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The mention key Feishu puts in the text for the first person mentioned. */
  private static final String BOT_MENTION_KEY = "@_user_1";

  private final String appId;
  private final String verificationToken;
  private final String botOpenId;
  private final Clock clock;

  EventJson(String appId, String verificationToken, String botOpenId, Clock clock) {
    this.appId = appId;
    this.verificationToken = verificationToken;
    this.botOpenId = botOpenId;
    this.clock = clock;
  }

  String botOpenId() {
    return botOpenId;
  }

  static String newEventId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  /** {@code user} says {@code text} in {@code chat}, with the bot mentioned in front or not. */
  String message(
      String eventId,
      String messageId,
      Tenant.User user,
      Tenant.Chat chat,
      String text,
      boolean mentionBot) {
    ObjectNode event = NODES.objectNode();
    ObjectNode sender = event.putObject("sender");
    sender.set("sender_id", ids(user));
    sender.put("sender_type", "user").put("tenant_key", Tenant.TENANT_KEY);
    ObjectNode message = event.putObject("message");
    message.put("message_id", messageId);
    message.put("create_time", Long.toString(clock.millis()));
    message.put("chat_id", chat.id()).put("chat_type", chat.type());
    message.put("message_type", "text");
    String shown = mentionBot ? BOT_MENTION_KEY + " " + text : text;
    message.put("content", NODES.objectNode().put("text", shown).toString());
    ArrayNode mentions = message.putArray("mentions");
    if (mentionBot) {
      ObjectNode bot = mentions.addObject().put("key", BOT_MENTION_KEY);
      bot.putObject("id").put("open_id", botOpenId);
      bot.put("name", Tenant.BOT_NAME).put("tenant_key", Tenant.TENANT_KEY);
    }
    return envelope(eventId, MESSAGE_RECEIVED, event);
  }

  /** {@code operator} adds the bot to {@code group}. */
  String botAdded(String eventId, Tenant.Chat group, Tenant.User operator) {
    ObjectNode event = NODES.objectNode();
    event.put("chat_id", group.id());
    event.set("operator_id", ids(operator));
    event.put("name", group.name());
    event.putObject("i18n_names").put("en_us", group.name());
    event.put("external", false).put("operator_tenant_key", Tenant.TENANT_KEY);
    return envelope(eventId, BOT_ADDED, event);
  }

  /** {@code operator} presses a button whose callback value is {@code value}. */
  String cardAction(
      String eventId,
      Tenant.User operator,
      String messageId,
      String chatId,
      JsonNode value,
      String componentName) {
    ObjectNode event = NODES.objectNode();
    ObjectNode ids = ids(operator);
    ids.put("tenant_key", Tenant.TENANT_KEY);
    event.set("operator", ids);
    event.put("token", "c-" + newEventId());
    ObjectNode action = event.putObject("action");
    action.set("value", value);
    action.put("tag", "button");
    if (componentName != null) {
      action.put("name", componentName);
    }
    event.put("host", "im_message");
    event.putObject("context").put("open_message_id", messageId).put("open_chat_id", chatId);
    return envelope(eventId, CARD_ACTION, event);
  }

  private String envelope(String eventId, String eventType, ObjectNode event) {
    ObjectNode root = NODES.objectNode().put("schema", "2.0");
    ObjectNode header = root.putObject("header");
    header.put("event_id", eventId).put("event_type", eventType);
    header.put("create_time", Long.toString(clock.millis()));
    header.put("token", verificationToken);
    header.put("app_id", appId).put("tenant_key", Tenant.TENANT_KEY);
    root.set("event", event);
    return root.toString();
  }

  private static ObjectNode ids(Tenant.User user) {
    return NODES
        .objectNode()
        .put("union_id", user.unionId())
        .put("user_id", user.userId())
        .put("open_id", user.openId());
  }
}
