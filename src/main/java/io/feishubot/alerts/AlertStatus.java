package io.feishubot.alerts;

import java.util.Locale;

/** An alert's or a group's {@code status} in Alertmanager's webhook payload. */
public enum AlertStatus {
  FIRING,
  RESOLVED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static AlertStatus fromWire(String value) {
    return switch (value) {
      case "firing" -> FIRING;
      case "resolved" -> RESOLVED;
      default -> throw new MalformedNotificationException("status is neither firing nor resolved");
    };
  }
}
