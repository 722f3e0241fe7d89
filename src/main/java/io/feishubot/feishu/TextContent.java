package io.feishubot.feishu;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The {@code text} of a text message's content, {@code {"text":"@_user_1 /ping"}}, read strictly:
 * for the common content, a small object of ASCII strings, this is a tenth of a general parser's
 * work (bench/jmh).
 */
public final class TextContent {

  private static final int MAX_DEPTH = 16;

  private TextContent() {}

  /**
   * The text, when {@code content} is plain ASCII strict JSON, an object with exactly one {@code
   * text} field and that field a string; otherwise null, and the caller reads it with a general
   * parser, whose answer on these contents is the same.
   */
  public static String strictText(String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (!asciiOnly(content, bytes)) {
      return null;
    }
    try {
      // Names unchecked: a repeated name other than text changes nothing the general read gives.
      JsonCursor cursor = new JsonCursor(new Utf8JsonTokens(bytes, MAX_DEPTH), false);
      if (cursor.next() != JsonToken.START_OBJECT) {
        return null;
      }
      String text = null;
      for (String name = cursor.nextName(); name != null; name = cursor.nextName()) {
        JsonToken value = cursor.next();
        if (name.equals("text")) {
          if (text != null || value != JsonToken.VALUE_STRING) {
            return null; // a second text, or not a string: the general reader decides
          }
          text = cursor.text();
        } else {
          cursor.skip(value);
        }
      }
      return cursor.next() == null ? text : null;
    } catch (IOException | JsonCursor.Decline e) {
      return null;
    }
  }

  /**
   * Whether every character became one byte of its own: ASCII. A lone surrogate also becomes one
   * byte ({@code ?}), so a {@code ?} must have been one.
   */
  private static boolean asciiOnly(String content, byte[] bytes) {
    if (bytes.length != content.length()) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '?' && content.charAt(i) != '?') {
        return false;
      }
    }
    return true;
  }
}
