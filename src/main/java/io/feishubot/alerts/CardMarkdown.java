package io.feishubot.alerts;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Puts text from an alert into card markdown as text: labels and annotations come from whoever
 * writes alerting rules, and must not turn into mentions ({@code <at id=all>}), tags, links or
 * emphasis. Those characters become HTML character references, which card markdown shows as the
 * character (the escaping Feishu's markdown documentation describes; not verified against a live
 * client).
 */
final class CardMarkdown {

  private CardMarkdown() {}

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        // Link brackets, emphasis and code marks; '_', '(' and ')' stay as they are: they are
        // in most label values (bad_signature, node_exporter) and harmless without brackets.
        case '[', ']', '*', '~', '`' -> escaped.append("&#").append((int) c).append(';');
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** {@link #escape} of a single line: line breaks become spaces. */
  static String escapeLine(String text) {
    return escape(text.replace('\r', ' ').replace('\n', ' '));
  }

  /** At most {@code max} characters, with an ellipsis when cut. */
  static String shortened(String text, int max) {
    return text.length() <= max ? text : text.substring(0, Math.max(0, max - 1)) + "…";
  }

  /**
   * {@code url} if it is an absolute http(s) URL, with the characters that would end a markdown
   * link target percent-encoded; empty for anything else ({@code javascript:}, relative, broken).
   */
  static Optional<String> linkTarget(String url) {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(url.trim());
      String scheme = uri.getScheme();
      if (!uri.isAbsolute()
          || uri.getHost() == null
          || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
        return Optional.empty();
      }
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    StringBuilder target = new StringBuilder(url.length());
    for (char c : url.trim().toCharArray()) {
      switch (c) {
        case '(' -> target.append("%28");
        case ')' -> target.append("%29");
        case ' ' -> target.append("%20");
        case '<' -> target.append("%3C");
        case '>' -> target.append("%3E");
        case '"' -> target.append("%22");
        default -> target.append(c);
      }
    }
    return Optional.of(target.toString());
  }
}
