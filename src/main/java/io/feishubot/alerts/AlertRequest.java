package io.feishubot.alerts;

import java.util.Objects;

/**
 * One POST from Alertmanager, as the HTTP adapter hands it over.
 *
 * @param authorization the {@code Authorization} header, or null
 * @param chatId the {@code chat_id} query parameter, or null
 */
public record AlertRequest(byte[] body, String authorization, String chatId) {
  public AlertRequest {
    Objects.requireNonNull(body, "body");
  }
}
