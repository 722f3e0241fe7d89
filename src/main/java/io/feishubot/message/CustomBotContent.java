package io.feishubot.message;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * A message as a group custom bot takes it ({@code POST /open-apis/bot/v2/hook/<token>}), which is
 * not the IM API's shape: {@code content} is an object rather than a string, a post sits under
 * {@code "post"}, and a card is a top-level {@code "card"} object. Custom bots cannot receive
 * callbacks, so a card with a callback button is refused rather than sent with buttons that do
 * nothing.
 *
 * @param msgType {@code text}, {@code post}, {@code interactive} or {@code share_chat}
 * @param fields the body's members after {@code msg_type}, as JSON text ({@code "content":{…}} or
 *     {@code "card":{…}})
 */
public record CustomBotContent(String msgType, String fields) {

  /**
   * The body limit of a custom bot, 20 KB, read as 20,000 bytes (the stricter reading). Checked on
   * the whole body, {@code timestamp} and {@code sign} included.
   */
  public static final int LIMIT_BYTES = 20_000;

  /** Room kept for {@code "timestamp":"…","sign":"…"}: a 44-character sign and its keys. */
  static final int SIGNATURE_ALLOWANCE = 96;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  public CustomBotContent {
    Objects.requireNonNull(msgType, "msgType");
    Objects.requireNonNull(fields, "fields");
  }

  /**
   * Renders {@code message} for a custom bot. A template card goes as {@code
   * {"card":{"type":"template",…}}} (not verified against a live custom bot).
   *
   * @throws MessageTooLargeException when the body would be over {@link #LIMIT_BYTES}
   * @throws IllegalArgumentException for {@link Message.None}, or a card with a callback button
   */
  public static CustomBotContent of(Message message) {
    Objects.requireNonNull(message, "message");
    return switch (message) {
      case Message.Text text ->
          checked("text", "\"content\":" + MessageContent.textContent(text.text()));
      case Message.Post post ->
          checked(
              "post",
              "\"content\":"
                  + ContentJson.write(NODES.objectNode().set("post", ContentJson.post(post))));
      case Card card -> {
        requireNoCallbacks(card.elements());
        yield checked("interactive", "\"card\":" + ContentJson.write(card.toJson()));
      }
      case Message.Template template ->
          checked("interactive", "\"card\":" + ContentJson.write(ContentJson.template(template)));
      case Message.Verbatim verbatim ->
          verbatim.msgType().equals("post")
              ? checked("post", "\"content\":{\"post\":" + verbatim.content() + "}")
              : checked("interactive", "\"card\":" + verbatim.content());
      case Message.None none ->
          throw new IllegalArgumentException("Message.None renders nothing; send nothing instead");
    };
  }

  /** Shares the group {@code chatId} ({@code oc_…}) as a card: {@code share_chat}. */
  public static CustomBotContent shareChat(String chatId) {
    Objects.requireNonNull(chatId, "chatId");
    ObjectNode content = NODES.objectNode().put("share_chat_id", chatId);
    return checked("share_chat", "\"content\":" + ContentJson.write(content));
  }

  /** The body without a signature, for a bot whose signature verification is off. */
  public String body() {
    return "{\"msg_type\":\"" + msgType + "\"," + fields + "}";
  }

  /**
   * The body with {@code timestamp} (seconds, as a string, as in Feishu's example) and {@code
   * sign}.
   */
  public String body(long timestamp, String sign) {
    StringBuilder body = new StringBuilder(fields.length() + 160);
    body.append("{\"timestamp\":\"").append(timestamp).append("\",\"sign\":\"");
    JsonStringEncoder.getInstance().quoteAsString(sign, body);
    return body.append("\",\"msg_type\":\"")
        .append(msgType)
        .append("\",")
        .append(fields)
        .append('}')
        .toString();
  }

  private static void requireNoCallbacks(List<CardElement> elements) {
    for (CardElement element : elements) {
      switch (element) {
        case Card.Button button ->
            button
                .action()
                .ifPresent(
                    action -> {
                      throw new IllegalArgumentException(
                          "a custom bot's card cannot call back: button '"
                              + button.label()
                              + "' has action "
                              + action);
                    });
        case CardElement.ColumnSet set ->
            set.columns().forEach(column -> requireNoCallbacks(column.elements()));
        case CardElement.Markdown markdown -> {}
        case CardElement.Divider divider -> {}
      }
    }
  }

  private static CustomBotContent checked(String msgType, String fields) {
    CustomBotContent content = new CustomBotContent(msgType, fields);
    int bytes = MessageContent.utf8Length(content.body()) + SIGNATURE_ALLOWANCE;
    if (bytes > LIMIT_BYTES) {
      throw new MessageTooLargeException(msgType, bytes, LIMIT_BYTES);
    }
    return content;
  }
}
