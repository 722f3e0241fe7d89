package io.feishubot.alerts;

import java.time.Instant;
import java.util.Objects;

/** A silence created from an alert card: its Alertmanager id, its end, who (open_id) made it. */
record SilenceNote(String id, Instant endsAt, String by) {
  SilenceNote {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(endsAt, "endsAt");
    Objects.requireNonNull(by, "by");
  }
}
