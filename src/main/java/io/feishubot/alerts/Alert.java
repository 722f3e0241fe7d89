package io.feishubot.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One alert of a notification.
 *
 * @param endsAt when it resolved (or will be considered resolved); Alertmanager sends the zero time
 *     {@code 0001-01-01T00:00:00Z} for "not yet", which is read as empty
 * @param generatorUrl the link to the expression that fired, usually Prometheus' graph; may be
 *     empty
 */
public record Alert(
    AlertStatus status,
    Map<String, String> labels,
    Map<String, String> annotations,
    Instant startsAt,
    Optional<Instant> endsAt,
    String generatorUrl,
    String fingerprint) {

  public Alert {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    Objects.requireNonNull(generatorUrl, "generatorUrl");
    Objects.requireNonNull(fingerprint, "fingerprint");
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }
}
