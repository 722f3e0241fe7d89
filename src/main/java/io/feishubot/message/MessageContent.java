package io.feishubot.message;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.Objects;

/**
 * A message as the IM API takes it (send, reply, PATCH): {@code msg_type} and the {@code content}
 * document serialized as a string. The only place messages are rendered, so the size check cannot
 * be skipped by any sender.
 */
public record MessageContent(String msgType, String content) {

  /** text: 150 KB of UTF-8 content (KB = 1024). */
  public static final int TEXT_LIMIT_BYTES = 150 * 1024;

  /** post, interactive (card and template): 30 KB of UTF-8 content. */
  public static final int RICH_LIMIT_BYTES = 30 * 1024;

  public MessageContent {
    Objects.requireNonNull(msgType, "msgType");
    Objects.requireNonNull(content, "content");
  }

  /**
   * Renders {@code message}.
   *
   * @throws MessageTooLargeException when the content is over Feishu's limit for its type
   * @throws IllegalArgumentException for {@link Message.None}, which has nothing to send
   */
  public static MessageContent of(Message message) {
    Objects.requireNonNull(message, "message");
    return switch (message) {
      case Message.Text text -> checked("text", textContent(text.text()), TEXT_LIMIT_BYTES);
      case Message.Post post ->
          checked("post", ContentJson.write(ContentJson.post(post)), RICH_LIMIT_BYTES);
      case Card card -> checked("interactive", ContentJson.write(card.toJson()), RICH_LIMIT_BYTES);
      case Message.Template template ->
          checked(
              "interactive", ContentJson.write(ContentJson.template(template)), RICH_LIMIT_BYTES);
      case Message.Verbatim verbatim ->
          checked(verbatim.msgType(), verbatim.content(), RICH_LIMIT_BYTES);
      case Message.None none ->
          throw new IllegalArgumentException("Message.None renders nothing; send nothing instead");
    };
  }

  /**
   * {@code {"text":"…"}}, exactly as {@code ObjectMapper.writeValueAsString(Map.of("text", text))}
   * writes it (MessageContentTextTest compares them), with Jackson's own string escaping but
   * without a serializer and a generator per reply: those were most of a /ping reply's cost
   * (bench/jmh).
   */
  static String textContent(String text) {
    StringBuilder json = new StringBuilder(text.length() + 12).append("{\"text\":\"");
    JsonStringEncoder.getInstance().quoteAsString(text, json);
    return json.append("\"}").toString();
  }

  private static MessageContent checked(String msgType, String content, int limitBytes) {
    // A char is at most 3 UTF-8 bytes (a surrogate pair is 4 for 2 chars): skip counting when
    // even that worst case fits, as it does for every short reply.
    if ((long) content.length() * 3 > limitBytes) {
      int bytes = utf8Length(content);
      if (bytes > limitBytes) {
        throw new MessageTooLargeException(msgType, bytes, limitBytes);
      }
    }
    return new MessageContent(msgType, content);
  }

  /**
   * UTF-8 length without encoding a copy. A lone surrogate counts 3 bytes, more than the 1 ('?')
   * that {@code getBytes} writes, so the check errs on the side of refusing.
   */
  static int utf8Length(String s) {
    int bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
