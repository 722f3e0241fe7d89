package io.feishubot.router;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

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
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String msgType() {
      return "text";
    }

    @Override
    public String content() {
      try {
        return JSON.writeValueAsString(Map.of("text", text));
      } catch (JsonProcessingException impossible) {
        throw new IllegalStateException("a map of one string always serialises", impossible);
      }
    }
  }
}
