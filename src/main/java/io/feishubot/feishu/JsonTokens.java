package io.feishubot.feishu;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The tokens of one JSON value, the little of a parser that {@link JsonCursor} uses: request bytes
 * come through {@link Utf8JsonTokens}, a tree's traversal through {@link #of(JsonParser)}.
 */
interface JsonTokens {

  /** The next token; null at the end of the input. */
  JsonToken next() throws IOException;

  /** The next field name of the object being read, with its value next; null at its end. */
  String nextName() throws IOException;

  /** The current string value, decoded. */
  String text() throws IOException;

  /**
   * Makes sure the current string value is well-formed, as building a tree would: a parser that
   * decodes lazily decodes it now.
   */
  void checkText() throws IOException;

  /** The current number, as a tree holds it. */
  Number number() throws IOException;

  /** A Jackson parser's tokens. */
  static JsonTokens of(JsonParser parser) {
    return new JsonTokens() {
      @Override
      public JsonToken next() throws IOException {
        return parser.nextToken();
      }

      @Override
      public String nextName() throws IOException {
        return parser.nextFieldName();
      }

      @Override
      public String text() throws IOException {
        return parser.getText();
      }

      @Override
      public void checkText() throws IOException {
        parser.getTextLength();
      }

      @Override
      public Number number() throws IOException {
        return parser.getNumberValue();
      }
    };
  }
}
