package io.feishubot.router;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.Objects;

/**
 * What a command answers. Each kind knows its IM {@code msg_type} and renders the {@code content}
 * document that goes with it. Rich posts and cards join this set as new records.
 */
public sealed interface Reply permits Reply.Text {

  /** The IM API's {@code msg_type}. */
  String msgType();

  /** The {@code content} JSON document for {@link #msgType()}, as a string. */
  String content();

  static Reply text(String text) {
    return new Text(text);
  }

  /** Plain text; {@code <at user_id="ou_…"></at>} mentions are allowed inside. */
  record Text(String text) implements Reply {

    @Override
    public String msgType() {
      return "text";
    }

    /**
     * {@code {"text":"…"}}, exactly as {@code ObjectMapper.writeValueAsString(Map.of("text",
     * text))} writes it (ReplyTest compares them), with Jackson's own string escaping but without a
     * serializer and a generator per reply: those were most of a /ping reply's cost (bench/jmh).
     */
    @Override
    public String content() {
      Objects.requireNonNull(text, "text");
      StringBuilder json = new StringBuilder(text.length() + 12).append("{\"text\":\"");
      JsonStringEncoder.getInstance().quoteAsString(text, json);
      return json.append("\"}").toString();
    }
  }
}
