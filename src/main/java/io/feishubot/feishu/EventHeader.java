package io.feishubot.feishu;

import java.util.Objects;

/**
 * The routing and dedupe facts of an event, normalised across schemas. For 1.0 events they come
 * from {@code uuid}, {@code event.type}, {@code token}, {@code event.app_id}, {@code
 * event.tenant_key} and {@code ts}. Only {@code eventId} and {@code eventType} are guaranteed; the
 * rest are null when absent. {@code createTime} is kept as sent: milliseconds in 2.0, fractional
 * seconds in 1.0.
 */
public record EventHeader(
    String eventId,
    String eventType,
    String token,
    String appId,
    String tenantKey,
    String createTime) {

  public EventHeader {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventType, "eventType");
  }
}
