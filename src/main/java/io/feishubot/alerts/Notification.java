package io.feishubot.alerts;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Alertmanager webhook notification (payload version 4): a group of alerts that share {@code
 * groupLabels}, as one receiver sees them.
 *
 * @param groupKey Alertmanager's key of the group (route and group labels); empty if not sent
 * @param truncatedAlerts how many alerts Alertmanager left out ({@code max_alerts}), plus any the
 *     bot left out when it stored the group
 */
public record Notification(
    AlertStatus status,
    String receiver,
    String groupKey,
    Map<String, String> groupLabels,
    Map<String, String> commonLabels,
    Map<String, String> commonAnnotations,
    String externalUrl,
    List<Alert> alerts,
    int truncatedAlerts) {

  /** Firing first, then by start and fingerprint: a stable order, so equal groups render equal. */
  static final Comparator<Alert> ORDER =
      Comparator.comparing(Alert::status)
          .thenComparing(Alert::startsAt)
          .thenComparing(Alert::fingerprint);

  public Notification {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(groupKey, "groupKey");
    Objects.requireNonNull(externalUrl, "externalUrl");
    groupLabels = Map.copyOf(groupLabels);
    commonLabels = Map.copyOf(commonLabels);
    commonAnnotations = Map.copyOf(commonAnnotations);
    alerts = alerts.stream().sorted(ORDER).toList();
    if (alerts.isEmpty()) {
      throw new MalformedNotificationException("alerts is empty");
    }
    if (truncatedAlerts < 0) {
      throw new MalformedNotificationException("truncatedAlerts is negative");
    }
  }

  /** The {@code alertname} the group shares, or the first alert's, or "alert". */
  public String alertName() {
    return label("alertname").orElse("alert");
  }

  /** The {@code severity} the group shares, or the first alert's. */
  public Optional<String> severity() {
    return label("severity");
  }

  /** A label of the group: a common one, else the first alert's. */
  Optional<String> label(String name) {
    String common = commonLabels.get(name);
    return common != null
        ? Optional.of(common)
        : Optional.ofNullable(alerts.get(0).labels().get(name));
  }

  /** An annotation of the group: a common one, else the first alert's. */
  Optional<String> annotation(String name) {
    String common = commonAnnotations.get(name);
    return common != null
        ? Optional.of(common)
        : Optional.ofNullable(alerts.get(0).annotations().get(name));
  }

  /** Every alert Alertmanager counted: those here and those it left out. */
  public int alertCount() {
    return alerts.size() + truncatedAlerts;
  }

  public long firingCount() {
    return alerts.stream().filter(alert -> alert.status() == AlertStatus.FIRING).count();
  }

  /** This group with at most {@code max} alerts (the first in {@link #ORDER}), the rest counted. */
  Notification trimmed(int max) {
    if (alerts.size() <= max) {
      return this;
    }
    return new Notification(
        status,
        receiver,
        groupKey,
        groupLabels,
        commonLabels,
        commonAnnotations,
        externalUrl,
        alerts.subList(0, max),
        truncatedAlerts + alerts.size() - max);
  }
}
