package io.feishubot.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Reads a setting that holds a URL which may be a credential (a custom bot's hook, a command
 * endpoint with a token in its path): a bad value is reported by the setting's name, never quoted.
 */
public final class SecretUrl {

  private SecretUrl() {}

  /**
   * The absolute http(s) URL in {@code value}.
   *
   * @param setting how to name the setting in the error, e.g. {@code feishu.webhook.url
   *     (FEISHU_WEBHOOK_URL)}
   * @throws IllegalStateException naming the setting, not its value
   */
  public static URI parse(String value, String setting) {
    try {
      URI uri = new URI(value.strip());
      String scheme = uri.getScheme();
      if (uri.isAbsolute()
          && uri.getHost() != null
          && ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
        return uri;
      }
    } catch (URISyntaxException invalid) {
      // Reported below, without the exception: its message quotes the value.
    }
    throw new IllegalStateException(
        setting
            + " is not an absolute http(s) URL (its value is not shown: it may be a credential)");
  }
}
