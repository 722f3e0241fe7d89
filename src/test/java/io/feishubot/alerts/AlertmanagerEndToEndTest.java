package io.feishubot.alerts;

import static io.feishubot.testsupport.AlertmanagerWebhook.cardOf;
import static io.feishubot.testsupport.AlertmanagerWebhook.distinctUpdatesOf;
import static io.feishubot.testsupport.AlertmanagerWebhook.messageIdOf;
import static io.feishubot.testsupport.AlertmanagerWebhook.postedTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.feishubot.testsupport.Alertmanager;
import io.feishubot.testsupport.AlertsConfig;
import io.feishubot.testsupport.BotEndpoint;
import io.feishubot.testsupport.CardButtons;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.FeishuDelivery;
import io.feishubot.testsupport.PeerProcess;
import io.feishubot.testsupport.Poll;
import io.feishubot.testsupport.RequiresMonitoringPeers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real Alertmanager, configured with the shipped {@code infra/alertmanager/alertmanager.yml},
 * delivering to the bot: alerts pushed through its API are grouped and arrive as a card at the fake
 * Open API, resolving them turns the card green, and pressing Silence creates a silence that
 * Alertmanager then lists.
 */
@QuarkusTest
@RequiresMonitoringPeers
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = AlertsConfig.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = Alertmanager.class, restrictToAnnotatedClass = true)
class AlertmanagerEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DELIVERY = Duration.ofSeconds(30);

  /** The chat of the example's {@code team="payments"} route. */
  private static final String PAYMENTS_CHAT = "oc_0123456789abcdef0123456789abcdef";

  private static PeerProcess alertmanager;

  /** Started once the bot runs, since Alertmanager must know the bot's port. */
  @BeforeEach
  void alertmanagerRunning() {
    if (alertmanager == null) {
      alertmanager = Alertmanager.start(RestAssured.baseURI + ":" + RestAssured.port);
    }
  }

  @AfterAll
  static void stopAlertmanager() {
    if (alertmanager != null) {
      alertmanager.close();
      alertmanager = null;
    }
  }

  @Test
  void firingAlerts_arriveAsOneCard_andResolvingThemTurnsItGreen() {
    String service = unique();
    Instant start = Instant.now();
    push(alert(service, "db-1", start, null), alert(service, "db-2", start, null));

    LoggedRequest posted = awaitCard(AlertsConfig.CHAT_ID, service);
    JsonNode card = cardOf(posted);
    assertThat(card.at("/header/title/content").asText()).isEqualTo("DiskAlmostFull");
    assertThat(card.at("/header/template").asText()).isEqualTo("red");
    assertThat(card.toString())
        .contains("Disk on " + service + " is almost full")
        .contains("instance=db-1")
        .contains("instance=db-2")
        .contains("alerts.ack")
        .contains("alerts.silence")
        .contains(alertmanager.url());

    Instant end = Instant.now();
    push(alert(service, "db-1", start, end), alert(service, "db-2", start, end));

    String messageId = messageIdOf(posted);
    JsonNode green =
        Poll.until(
            "the card of " + service + " to turn green",
            DELIVERY,
            () ->
                distinctUpdatesOf(messageId).stream()
                    .map(
                        update ->
                            BotEndpoint.json(BotEndpoint.json(update).path("content").asText()))
                    .filter(update -> "green".equals(update.at("/header/template").asText()))
                    .findFirst());
    assertThat(green.toString()).contains("**Resolved**");
    assertThat(postedTo(AlertsConfig.CHAT_ID).stream().filter(sent -> mentions(sent, service)))
        .as("updated, never posted again")
        .hasSize(1);
  }

  @Test
  void theExamplesPaymentsRoute_postsToItsChat() {
    String service = unique();
    ObjectNode alert = alert(service, "pay-1", Instant.now(), null);
    ((ObjectNode) alert.path("labels")).put("team", "payments");
    push(alert);

    awaitCard(PAYMENTS_CHAT, service);
    assertThat(postedTo(AlertsConfig.CHAT_ID).stream().filter(sent -> mentions(sent, service)))
        .isEmpty();
  }

  @Test
  void pressingSilence_createsASilence_thatAlertmanagerLists() throws IOException {
    String service = unique();
    push(alert(service, "db-9", Instant.now(), null));
    LoggedRequest posted = awaitCard(AlertsConfig.CHAT_ID, service);
    JsonNode silenceButton = CardButtons.value(cardOf(posted), "alerts.silence", "duration", "1h");

    String callback =
        Events.cardAction(Events.newEventId(), "ou_silencer", messageIdOf(posted), silenceButton);
    JsonNode answer =
        BotEndpoint.json(
            BotEndpoint.send(FeishuDelivery.of(callback).build())
                .then()
                .statusCode(200)
                .extract()
                .asString());
    assertThat(answer.at("/toast/type").asText()).isEqualTo("success");
    String toast = answer.at("/toast/content").asText();
    String silenceId = toast.substring(toast.indexOf("(silence ") + 9, toast.length() - 1);
    assertThat(answer.at("/card/data").toString())
        .contains("**Silenced** until ")
        .contains("<at id=ou_silencer></at>")
        .contains("(silence " + silenceId + ")");

    JsonNode silences = JSON.readTree(alertmanager.get("/api/v2/silences"));
    JsonNode silence =
        findFirst(silences, s -> silenceId.equals(s.path("id").asText()))
            .orElseThrow(() -> new AssertionError("Alertmanager lists no silence " + silenceId));
    assertThat(silence.at("/status/state").asText()).isEqualTo("active");
    assertThat(silence.path("createdBy").asText()).isEqualTo("ou_silencer");
    assertThat(silence.path("comment").asText())
        .contains("oc_5ce6d572455d361153b7cb51da133945")
        .contains("DiskAlmostFull");
    assertThat(silence.path("matchers").toString())
        .contains("\"name\":\"alertname\",\"value\":\"DiskAlmostFull\"")
        .contains("\"name\":\"service\",\"value\":\"" + service + "\"");
    Duration length =
        Duration.between(
            Instant.parse(silence.path("startsAt").asText()),
            Instant.parse(silence.path("endsAt").asText()));
    assertThat(length).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
  }

  // --- Alertmanager's API and the chat -------------------------------------------------------

  private static ObjectNode alert(
      String service, String instance, Instant startsAt, Instant endsAt) {
    ObjectNode alert = JSON.createObjectNode();
    alert
        .putObject("labels")
        .put("alertname", "DiskAlmostFull")
        .put("service", service)
        .put("instance", instance)
        .put("severity", "warning");
    alert
        .putObject("annotations")
        .put("summary", "Disk on " + service + " is almost full")
        .put("description", "Less than 5% of the disk is free.");
    alert.put("generatorURL", "http://prometheus.example:9090/graph?g0.expr=disk_free");
    alert.put("startsAt", startsAt.toString());
    if (endsAt != null) {
      alert.put("endsAt", endsAt.toString());
    }
    return alert;
  }

  private static void push(ObjectNode... alerts) {
    ArrayNode body = JSON.createArrayNode();
    for (ObjectNode alert : alerts) {
      body.add(alert);
    }
    alertmanager.post("/api/v2/alerts", body.toString());
  }

  private static LoggedRequest awaitCard(String chat, String service) {
    return Poll.until(
        "a card for " + service + " in " + chat + " (Alertmanager log: target/monitoring/)",
        DELIVERY,
        () -> postedTo(chat).stream().filter(sent -> mentions(sent, service)).findFirst());
  }

  private static boolean mentions(LoggedRequest sent, String service) {
    return sent.getBodyAsString().contains(service);
  }

  private static Optional<JsonNode> findFirst(
      Iterable<JsonNode> nodes, java.util.function.Predicate<JsonNode> test) {
    for (JsonNode node : nodes) {
      if (test.test(node)) {
        return Optional.of(node);
      }
    }
    return Optional.empty();
  }

  private static String unique() {
    return "svc-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
