package io.feishubot.alerts;

import java.time.Instant;
import java.util.Objects;

/** Who acknowledged an alert card (open_id), and when: decided once per card. */
record Acknowledgement(String by, Instant at) {
  Acknowledgement {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
  }
}
