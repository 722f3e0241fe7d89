package io.feishubot.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a message written outside the bot in the IM API's shape, {@code
 * {"msg_type":"interactive","content":{…}}}: what a configured command's endpoint may answer. The
 * content may also be given as a string holding the JSON object, as the IM API itself takes it.
 */
public final class MessageJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private MessageJson() {}

  /**
   * The message in {@code json}: a {@link Message.Text} for {@code text}, a {@link
   * Message.Verbatim} for {@code post} and {@code interactive}. Sizes are checked when it is
   * rendered ({@link MessageContent#of}).
   *
   * @throws IllegalArgumentException saying what is wrong, without quoting the document
   */
  public static Message read(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    JsonNode msgType = root.path("msg_type");
    if (!msgType.isTextual()) {
      throw new IllegalArgumentException("msg_type is missing or not a string");
    }
    JsonNode content = content(root.path("content"));
    return switch (msgType.textValue()) {
      case "text" -> {
        JsonNode text = content.path("text");
        if (!text.isTextual()) {
          throw new IllegalArgumentException("content.text is missing or not a string");
        }
        yield Message.text(text.textValue());
      }
      case "post", "interactive" -> new Message.Verbatim(msgType.textValue(), content.toString());
      default ->
          throw new IllegalArgumentException(
              "msg_type must be text, post or interactive"); // the value is not quoted
    };
  }

  private static JsonNode content(JsonNode content) {
    JsonNode object = content;
    if (content.isTextual()) {
      try {
        object = JSON.readTree(content.textValue());
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("content is a string that is not JSON");
      }
    }
    if (object == null || !object.isObject()) {
      throw new IllegalArgumentException("content is missing or not a JSON object");
    }
    return object;
  }
}
