package io.feishubot.idempotency;

import java.util.Objects;

/**
 * Identifies one delivery for deduplication: the app id scopes the event id so that several bots
 * can share one table.
 */
public record IdempotencyKey(String appId, String eventId) {

  public IdempotencyKey {
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(eventId, "eventId");
  }

  /** The single string under which the claim is stored. */
  public String value() {
    return appId + "#" + eventId;
  }
}
