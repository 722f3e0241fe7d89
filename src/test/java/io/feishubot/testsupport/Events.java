package io.feishubot.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** Builds event JSON in Feishu's shapes (schema 2.0), the way the platform fills it in. */
public final class Events {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Events() {}

  public static String challenge(String challenge, String token) {
    ObjectNode node = JSON.createObjectNode();
    node.put("challenge", challenge);
    node.put("token", token);
    node.put("type", "url_verification");
    return node.toString();
  }

  /** A fresh random event id, shaped like Feishu's. */
  public static String newEventId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  /** Builds an {@code im.message.receive_v1} event. */
  public static MessageEvent message(String text) {
    return new MessageEvent(text);
  }

  /** A 2.0 envelope with an arbitrary event type and body. */
  public static String envelope(String eventId, String eventType, String token, ObjectNode event) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", "2.0");
    ObjectNode header = root.putObject("header");
    header.put("event_id", eventId);
    header.put("event_type", eventType);
    header.put("create_time", Long.toString(System.currentTimeMillis()));
    header.put("token", token);
    header.put("app_id", TestKeys.APP_ID);
    header.put("tenant_key", "736588c9260f175e");
    root.set("event", event);
    return root.toString();
  }

  /**
   * An {@code im.chat.member.bot.added_v1} delivery with the fields of Feishu's documentation:
   * {@code chat_id}, {@code operator_id}, {@code name}, {@code external}, {@code
   * operator_tenant_key}.
   */
  public static String botAdded(String eventId, String chatId) {
    ObjectNode event = JSON.createObjectNode();
    event.put("chat_id", chatId);
    ObjectNode operator = event.putObject("operator_id");
    operator.put("union_id", "on_8ed6aa67826108097d9ee143816345");
    operator.put("user_id", "e33ggbyz");
    operator.put("open_id", "ou_84aad35d084aa403a838cf73ee18467");
    event.put("name", "Platform on-call");
    event.putObject("i18n_names").put("zh_cn", "值班群").put("en_us", "Platform on-call");
    event.put("external", false);
    event.put("operator_tenant_key", "736588c9260f175e");
    return envelope(eventId, "im.chat.member.bot.added_v1", TestKeys.VERIFICATION_TOKEN, event);
  }

  /**
   * A new-style {@code card.action.trigger} callback: {@code operator} pressed a button whose
   * callback {@code value} is given, on card message {@code openMessageId}.
   */
  public static String cardAction(
      String eventId, String operatorOpenId, String openMessageId, JsonNode value) {
    ObjectNode event = JSON.createObjectNode();
    event
        .putObject("operator")
        .put("open_id", operatorOpenId)
        .put("tenant_key", "736588c9260f175e");
    event.put("token", "c-" + UUID.randomUUID().toString().replace("-", ""));
    ObjectNode action = event.putObject("action");
    action.set("value", value);
    action.put("tag", "button");
    event.put("host", "im_message");
    event
        .putObject("context")
        .put("open_message_id", openMessageId)
        .put("open_chat_id", "oc_5ce6d572455d361153b7cb51da133945");
    return envelope(eventId, "card.action.trigger", TestKeys.VERIFICATION_TOKEN, event);
  }

  /** The same press as a legacy {@code card.action.trigger_v1} callback's flat body. */
  public static String legacyCardAction(
      String operatorOpenId, String openMessageId, JsonNode value) {
    ObjectNode body = JSON.createObjectNode();
    body.put("open_id", operatorOpenId);
    body.put("open_message_id", openMessageId);
    body.put("open_chat_id", "oc_5ce6d572455d361153b7cb51da133945");
    body.put("tenant_key", "736588c9260f175e");
    body.put("token", "c-" + UUID.randomUUID().toString().replace("-", ""));
    body.putObject("action").put("tag", "button").set("value", value);
    return body.toString();
  }

  /** The open_id of the user who sends {@link #message} events unless told otherwise. */
  public static final String DEFAULT_SENDER_OPEN_ID = "ou_7d8a6e6df7621556ce0d21922b676706ccs";

  /** An {@code im.message.receive_v1} event under construction. */
  public static final class MessageEvent {
    private final String text;
    private String eventId = newEventId();
    private String messageId = "om_" + UUID.randomUUID().toString().replace("-", "");
    // A chat of its own by default: sends into one chat are paced, which only tests of pacing want.
    private String chatId = "oc_" + UUID.randomUUID().toString().replace("-", "");
    private String chatType = "group";
    private String senderType = "user";
    private String senderOpenId = DEFAULT_SENDER_OPEN_ID;
    private String token = TestKeys.VERIFICATION_TOKEN;
    private String messageType = "text";
    private String rawContent;
    private boolean mentionBot = true;
    private ArrayNode extraMentions;

    private MessageEvent(String text) {
      this.text = text;
    }

    public MessageEvent eventId(String eventId) {
      this.eventId = eventId;
      return this;
    }

    public MessageEvent messageId(String messageId) {
      this.messageId = messageId;
      return this;
    }

    public MessageEvent chatId(String chatId) {
      this.chatId = chatId;
      return this;
    }

    public MessageEvent p2p() {
      this.chatType = "p2p";
      this.mentionBot = false;
      return this;
    }

    /** Sent by another user; only the open_id differs from the default sender's. */
    public MessageEvent senderOpenId(String openId) {
      this.senderOpenId = openId;
      return this;
    }

    public MessageEvent fromApp() {
      this.senderType = "app";
      return this;
    }

    public MessageEvent token(String token) {
      this.token = token;
      return this;
    }

    /** A message of another type with its content document as given. */
    public MessageEvent content(String messageType, String rawContent) {
      this.messageType = messageType;
      this.rawContent = rawContent;
      return this;
    }

    /** Adds mentions as given (raw JSON objects), after the bot's. */
    public MessageEvent mentions(ArrayNode mentions) {
      this.extraMentions = mentions;
      return this;
    }

    public String eventId() {
      return eventId;
    }

    public String messageId() {
      return messageId;
    }

    public String json() {
      ObjectNode event = JSON.createObjectNode();
      ObjectNode sender = event.putObject("sender");
      ObjectNode senderId = sender.putObject("sender_id");
      senderId.put("open_id", senderOpenId);
      senderId.put("union_id", "on_8ed6aa67826108097d9ee143816345");
      senderId.put("user_id", "e33ggbyz");
      sender.put("sender_type", senderType);
      sender.put("tenant_key", "736588c9260f175e");
      ObjectNode message = event.putObject("message");
      message.put("message_id", messageId);
      message.put("create_time", Long.toString(System.currentTimeMillis()));
      message.put("chat_id", chatId);
      message.put("chat_type", chatType);
      message.put("message_type", messageType);
      ArrayNode mentions = message.putArray("mentions");
      String content;
      if (rawContent != null) {
        content = rawContent;
      } else {
        String shown = mentionBot ? "@_user_1 " + text : text;
        content = JSON.createObjectNode().put("text", shown).toString();
      }
      if (mentionBot) {
        ObjectNode bot = mentions.addObject();
        bot.put("key", "@_user_1");
        bot.putObject("id").put("open_id", "ou_bot0000000000000000000000000000");
        bot.put("name", "DeployBot");
        bot.put("tenant_key", "736588c9260f175e");
      }
      if (extraMentions != null) {
        mentions.addAll(extraMentions);
      }
      message.put("content", content);
      return envelope(eventId, "im.message.receive_v1", token, event);
    }
  }
}
