package io.feishubot.webhook;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The {@code uuid} of a reply, derived from the event it answers: every redelivery and every retry
 * of the same event sends the same uuid, and Feishu posts a uuid at most once per hour.
 */
public final class ReplyIds {

  private ReplyIds() {}

  /** A name-based UUID (36 characters, under Feishu's 50-character limit). */
  public static String forEvent(String appId, String eventId) {
    return UUID.nameUUIDFromBytes(
            ("feishu-bot:reply:" + appId + ":" + eventId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
