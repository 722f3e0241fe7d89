package io.feishubot.alerts;

import java.util.Objects;
import java.util.Optional;

/**
 * Everything an alert card shows: the group as last notified, its acknowledgement and silence, and
 * which buttons it may carry.
 *
 * @param group the group's id, which the Acknowledge and Silence buttons carry back; empty for a
 *     custom bot, whose cards cannot call back
 * @param silences whether to offer Silence buttons (Alertmanager's API is configured)
 */
record AlertView(
    Notification notification,
    Optional<Acknowledgement> acknowledgement,
    Optional<SilenceNote> silence,
    Optional<String> group,
    boolean silences) {

  AlertView {
    Objects.requireNonNull(notification, "notification");
    Objects.requireNonNull(acknowledgement, "acknowledgement");
    Objects.requireNonNull(silence, "silence");
    Objects.requireNonNull(group, "group");
  }

  /** A custom bot's view: no buttons that call back, nothing acknowledged or silenced. */
  static AlertView withoutCallbacks(Notification notification) {
    return new AlertView(notification, Optional.empty(), Optional.empty(), Optional.empty(), false);
  }
}
