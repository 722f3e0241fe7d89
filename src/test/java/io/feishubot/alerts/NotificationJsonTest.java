package io.feishubot.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotificationJsonTest {

  @Test
  void readsAlertmanagersPayload() {
    Notification notification =
        NotificationJson.parse(AlertFixtures.bytes(AlertFixtures.payload("firing")));

    assertThat(notification.status()).isEqualTo(AlertStatus.FIRING);
    assertThat(notification.receiver()).isEqualTo("feishu-oncall");
    assertThat(notification.alertName()).isEqualTo("HighErrorRate");
    assertThat(notification.severity()).contains("critical");
    assertThat(notification.groupLabels()).containsEntry("service", "checkout");
    assertThat(notification.externalUrl()).isEqualTo("http://alertmanager.example:9093");
    assertThat(notification.groupKey()).contains("HighErrorRate");
    assertThat(notification.alerts()).hasSize(2);
    Alert first = notification.alerts().get(0);
    // Nanoseconds, as Go writes them; the zero time means "no end".
    assertThat(first.startsAt()).isEqualTo(Instant.parse("2024-05-14T09:58:30.123456789Z"));
    assertThat(first.endsAt()).isEmpty();
    assertThat(first.labels()).containsEntry("instance", "api-1:8080");
    assertThat(first.generatorUrl()).startsWith("http://prometheus.example:9090/graph");
  }

  @Test
  void readsResolvedEnds() {
    Notification notification =
        NotificationJson.parse(AlertFixtures.bytes(AlertFixtures.payload("resolved")));
    assertThat(notification.status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(notification.alerts().get(1).endsAt())
        .contains(Instant.parse("2024-05-14T10:21:30Z"));
  }

  @Test
  void writesWhatItReads() {
    Notification notification =
        NotificationJson.parse(AlertFixtures.bytes(AlertFixtures.payload("firing")));
    assertThat(NotificationJson.read(NotificationJson.write(notification).toString()))
        .isEqualTo(notification);
  }

  @Test
  void trimmed_keepsTheFirstAlerts_andCountsTheRest() {
    Notification notification =
        NotificationJson.parse(AlertFixtures.bytes(AlertFixtures.manyAlerts("big", 30)));
    Notification trimmed = notification.trimmed(20);
    assertThat(trimmed.alerts()).hasSize(20);
    assertThat(trimmed.alertCount()).isEqualTo(30);
    assertThat(NotificationJson.read(NotificationJson.write(trimmed).toString()).alertCount())
        .isEqualTo(30);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[]",
        "{\"status\":\"firing\"}",
        "{\"status\":\"firing\",\"alerts\":[]}",
        "{\"status\":\"burning\",\"alerts\":[{\"status\":\"firing\",\"startsAt\":\"2024-05-14T09:59:00Z\"}]}",
        "{\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\"}]}",
        "{\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"startsAt\":\"yesterday\"}]}",
        "{\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"startsAt\":\"2024-05-14T09:59:00Z\",\"labels\":{\"a\":1}}]}",
        "{\"status\":\"firing\",\"version\":\"3\",\"alerts\":[{\"status\":\"firing\",\"startsAt\":\"2024-05-14T09:59:00Z\"}]}",
        "{\"status\":\"firing\",\"status\":\"resolved\",\"alerts\":[{\"status\":\"firing\",\"startsAt\":\"2024-05-14T09:59:00Z\"}]}",
        "{\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"startsAt\":\"2024-05-14T09:59:00Z\"}]} trailing",
      })
  void refusesWhatIsNotAPayload_withoutQuotingIt(String body) {
    assertThatThrownBy(() -> NotificationJson.parse(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedNotificationException.class)
        .hasMessageNotContaining("yesterday")
        .hasMessageNotContaining("burning")
        .hasMessageNotContaining("trailing");
  }

  @Test
  void refusesDeepNesting() {
    ObjectNode payload = AlertFixtures.payload("firing");
    String deep = "[".repeat(100) + "]".repeat(100);
    String body =
        payload.toString().replace("\"version\":\"4\"", "\"version\":\"4\",\"x\":" + deep);
    assertThatThrownBy(() -> NotificationJson.parse(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedNotificationException.class);
  }
}
