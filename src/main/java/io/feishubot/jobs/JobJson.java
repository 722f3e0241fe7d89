package io.feishubot.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feishubot.feishu.MessageReceived;
import io.feishubot.router.CommandLine;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Job} as JSON, written and read field by field over Jackson's tree (no reflection, so the
 * native image needs no registration). Version {@value #VERSION}; snake_case names as in Feishu's
 * own payloads. Reading is strict about what a job cannot run without and names the first field
 * that is wrong, never its value.
 */
final class JobJson {

  static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private JobJson() {}

  static byte[] write(Job job) {
    ObjectNode root = JSON.createObjectNode();
    root.put("v", VERSION);
    root.put("app_id", job.appId());
    root.put("event_id", job.eventId());
    root.put("acknowledged_at", job.acknowledgedAt().toString());
    ObjectNode command = root.putObject("command");
    command.put("name", job.command().name());
    ArrayNode arguments = command.putArray("arguments");
    job.command().arguments().forEach(arguments::add);
    command.put("argument_text", job.command().argumentText());
    MessageReceived.Message message = job.message();
    ObjectNode m = root.putObject("message");
    m.put("message_id", message.messageId());
    m.put("root_id", message.rootId());
    m.put("parent_id", message.parentId());
    m.put("thread_id", message.threadId());
    m.put("chat_id", message.chatId());
    m.put("chat_type", message.chatType());
    m.put("message_type", message.messageType());
    m.put("content", message.content());
    ArrayNode mentions = m.putArray("mentions");
    for (MessageReceived.Mention mention : message.mentions()) {
      mentions
          .addObject()
          .put("key", mention.key())
          .put("open_id", mention.openId())
          .put("user_id", mention.userId())
          .put("union_id", mention.unionId())
          .put("name", mention.name());
    }
    MessageReceived.Sender sender = job.sender();
    if (sender == null) {
      root.putNull("sender");
    } else {
      root.putObject("sender")
          .put("sender_type", sender.senderType())
          .put("open_id", sender.openId())
          .put("user_id", sender.userId())
          .put("union_id", sender.unionId())
          .put("tenant_key", sender.tenantKey());
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree failed to serialise", e);
    }
  }

  /**
   * @throws MalformedJobException naming the first missing or mistyped field
   */
  static Job read(byte[] payload) {
    JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (IOException e) {
      throw new MalformedJobException("not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new MalformedJobException("not a JSON object");
    }
    if (!root.path("v").isInt() || root.path("v").intValue() != VERSION) {
      throw new MalformedJobException("v");
    }
    JsonNode command = object(root, "command");
    List<String> arguments = new ArrayList<>();
    JsonNode argumentArray = command.path("arguments");
    if (!argumentArray.isArray()) {
      throw new MalformedJobException("command.arguments");
    }
    for (JsonNode argument : argumentArray) {
      if (!argument.isTextual()) {
        throw new MalformedJobException("command.arguments");
      }
      arguments.add(argument.textValue());
    }
    JsonNode m = object(root, "message");
    List<MessageReceived.Mention> mentions = new ArrayList<>();
    JsonNode mentionArray = m.path("mentions");
    if (!mentionArray.isArray()) {
      throw new MalformedJobException("message.mentions");
    }
    for (JsonNode mention : mentionArray) {
      if (!mention.isObject()) {
        throw new MalformedJobException("message.mentions");
      }
      mentions.add(
          new MessageReceived.Mention(
              optional(mention, "key"),
              optional(mention, "open_id"),
              optional(mention, "user_id"),
              optional(mention, "union_id"),
              optional(mention, "name")));
    }
    MessageReceived.Message message =
        new MessageReceived.Message(
            required(m, "message_id"),
            optional(m, "root_id"),
            optional(m, "parent_id"),
            optional(m, "thread_id"),
            optional(m, "chat_id"),
            optional(m, "chat_type"),
            required(m, "message_type"),
            optional(m, "content"),
            mentions);
    JsonNode s = root.path("sender");
    MessageReceived.Sender sender = null;
    if (s.isObject()) {
      sender =
          new MessageReceived.Sender(
              optional(s, "sender_type"),
              optional(s, "open_id"),
              optional(s, "user_id"),
              optional(s, "union_id"),
              optional(s, "tenant_key"));
    } else if (!s.isNull() && !s.isMissingNode()) {
      throw new MalformedJobException("sender");
    }
    return new Job(
        required(root, "app_id"),
        required(root, "event_id"),
        new CommandLine(required(command, "name"), arguments, required(command, "argument_text")),
        message,
        sender,
        instant(root, "acknowledged_at"));
  }

  private static JsonNode object(JsonNode parent, String field) {
    JsonNode node = parent.path(field);
    if (!node.isObject()) {
      throw new MalformedJobException(field);
    }
    return node;
  }

  private static String required(JsonNode parent, String field) {
    JsonNode node = parent.path(field);
    if (!node.isTextual()) {
      throw new MalformedJobException(field);
    }
    return node.textValue();
  }

  private static String optional(JsonNode parent, String field) {
    JsonNode node = parent.path(field);
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new MalformedJobException(field);
    }
    return node.textValue();
  }

  private static Instant instant(JsonNode parent, String field) {
    try {
      return Instant.parse(required(parent, field));
    } catch (DateTimeParseException e) {
      throw new MalformedJobException(field);
    }
  }

  /** A payload that is not a job of this version; the message names a field, never a value. */
  static final class MalformedJobException extends RuntimeException {
    MalformedJobException(String field) {
      super(field);
    }
  }
}
