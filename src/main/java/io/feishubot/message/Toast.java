package io.feishubot.message;

import java.util.Map;
import java.util.Objects;

/**
 * A short notice Feishu shows to the person who acted on a card, in answer to the callback.
 *
 * @param i18n the text per locale ({@code zh_cn}, {@code en_us}, …); may be empty
 */
public record Toast(Kind kind, String content, Map<String, String> i18n) {

  public Toast {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(content, "content");
    i18n = Map.copyOf(i18n);
  }

  public static Toast info(String content) {
    return new Toast(Kind.INFO, content, Map.of());
  }

  public static Toast success(String content) {
    return new Toast(Kind.SUCCESS, content, Map.of());
  }

  public static Toast warning(String content) {
    return new Toast(Kind.WARNING, content, Map.of());
  }

  public static Toast error(String content) {
    return new Toast(Kind.ERROR, content, Map.of());
  }

  /** The toast's {@code type}. */
  public enum Kind {
    INFO,
    SUCCESS,
    WARNING,
    ERROR;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
