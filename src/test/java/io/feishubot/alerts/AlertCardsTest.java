package io.feishubot.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feishubot.message.CustomBotContent;
import io.feishubot.message.MessageContent;
import io.feishubot.testsupport.CardButtons;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertCardsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void firingGroup_isRed_withNameSeveritySummaryLabelsStartLinksAndButtons() throws IOException {
    JsonNode card = chatCard(view(AlertFixtures.payload("firing"), true));

    assertThat(card.at("/header/template").asText()).isEqualTo("red");
    assertThat(card.at("/header/title/content").asText()).isEqualTo("HighErrorRate");
    assertThat(card.at("/header/subtitle/content").asText())
        .isEqualTo("Firing · 2 alerts · critical");
    String text = markdown(card);
    assertThat(text)
        .contains("**Severity**\ncritical")
        .contains("**Started**\n2024-05-14 09:58:30 UTC")
        .contains("**Status**\n**Firing**")
        .contains("checkout API error rate above 5%")
        // Not common to the group: the first alert's description.
        .contains("5xx ratio is 12.5% on api-1:8080")
        .contains("**Labels** job=api, service=checkout")
        // Only the labels that tell the alerts apart.
        .contains(
            "firing · instance=api-1:8080 · since 2024-05-14 09:58:30 UTC · [source](http://prometheus.example:9090/graph?")
        .contains("instance=api-2:8080");
    String alertLines = text.substring(text.indexOf("**Alerts**"));
    assertThat(alertLines).doesNotContain("job=api").doesNotContain("severity");
    assertThat(callbacks(card)).containsExactly("alerts.ack", "alerts.silence", "alerts.silence");
    assertThat(callbackValues(card).get(1).path("duration").asText()).isEqualTo("1h");
    assertThat(callbackValues(card).get(2).path("duration").asText()).isEqualTo("4h");
    assertThat(callbackValues(card).get(0).path("group").asText()).isEqualTo("g1");
    assertThat(links(card))
        .containsExactly(
            "http://prometheus.example:9090/graph?g0.expr=job%3A5xx_ratio%3Arate5m+%3E+0.05&g0.tab=1",
            "http://alertmanager.example:9093");
  }

  @Test
  void resolvedGroup_isGreen_saysResolved_andHasNoActionButtons() throws IOException {
    JsonNode card = chatCard(view(AlertFixtures.payload("resolved"), true));
    assertThat(card.at("/header/template").asText()).isEqualTo("green");
    assertThat(markdown(card)).contains("**Resolved** at 2024-05-14 10:21:30 UTC");
    assertThat(callbacks(card)).isEmpty();
    assertThat(links(card)).hasSize(2);
  }

  @Test
  void acknowledgedAndSilenced_showWhoAndWhen_andDropTheAcknowledgeButton() throws IOException {
    Notification group = notification(AlertFixtures.payload("firing"));
    AlertView view =
        new AlertView(
            group,
            Optional.of(new Acknowledgement("ou_ack", Instant.parse("2024-05-14T10:00:00Z"))),
            Optional.of(new SilenceNote("sil-1", Instant.parse("2024-05-14T11:00:00Z"), "ou_sil")),
            Optional.of("g1"),
            true);
    JsonNode card = chatCard(view);
    assertThat(markdown(card))
        .contains("**Acknowledged** by <at id=ou_ack></at> at 2024-05-14 10:00:00 UTC")
        .contains(
            "**Silenced** until 2024-05-14 11:00:00 UTC by <at id=ou_sil></at> (silence sil-1)");
    assertThat(callbacks(card)).containsExactly("alerts.silence", "alerts.silence");
  }

  @Test
  void withoutAlertmanagerApi_thereAreNoSilenceButtons() throws IOException {
    assertThat(callbacks(chatCard(view(AlertFixtures.payload("firing"), false))))
        .containsExactly("alerts.ack");
  }

  @Test
  void customBotCard_hasOnlyLinks() throws IOException {
    CustomBotContent content =
        AlertCards.forCustomBot(
            AlertView.withoutCallbacks(notification(AlertFixtures.payload("firing"))));
    JsonNode card = JSON.readTree(content.body()).path("card");
    assertThat(card.at("/header/title/content").asText()).isEqualTo("HighErrorRate");
    assertThat(callbacks(card)).isEmpty();
    assertThat(links(card)).hasSize(2);
  }

  @Test
  void aGroupOf500Alerts_isSummarised_withinBothLimits() throws IOException {
    AlertView view = view(AlertFixtures.manyAlerts("big", 500), true);
    MessageContent chat = AlertCards.forChat(view);
    assertThat(chat.content().getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(MessageContent.RICH_LIMIT_BYTES);
    String text = markdown(JSON.readTree(chat.content()));
    assertThat(text)
        .contains("…and 490 more alerts in [Alertmanager](http://alertmanager.example:9093)");

    CustomBotContent customBot =
        AlertCards.forCustomBot(AlertView.withoutCallbacks(view.notification()));
    assertThat(customBot.body().getBytes(StandardCharsets.UTF_8).length)
        .isLessThan(CustomBotContent.LIMIT_BYTES);
  }

  @Test
  void hugeLabels_stillGiveACard_thatPointsToAlertmanager() throws IOException {
    ObjectNode payload = AlertFixtures.manyAlerts("huge", 3);
    for (JsonNode alert : payload.path("alerts")) {
      for (int i = 0; i < 200; i++) {
        ((ObjectNode) alert.path("labels")).put("label_" + i, "v".repeat(50));
      }
    }
    MessageContent chat = AlertCards.forChat(view(payload, true));
    JsonNode card = JSON.readTree(chat.content());
    assertThat(card.at("/header/title/content").asText()).isEqualTo("HighErrorRate");
    assertThat(callbacks(card)).contains("alerts.ack");
  }

  @Test
  void textFromAlerts_cannotMentionEveryone_orInjectLinks() throws IOException {
    ObjectNode payload = AlertFixtures.payload("firing");
    ((ObjectNode) payload.path("commonAnnotations"))
        .put("summary", "<at id=all></at> **urgent** [click](javascript:alert(1))");
    ((ObjectNode) payload.path("alerts").get(0).path("labels")).put("instance", "<at id=all></at>");
    ((ObjectNode) payload.path("alerts").get(0)).put("generatorURL", "javascript:alert(1)");
    JsonNode card = chatCard(view(payload, true));
    String rendered = card.toString();
    assertThat(rendered).doesNotContain("<at id=all>").doesNotContain("](javascript");
    assertThat(rendered).doesNotContain("**urgent**");
    assertThat(markdown(card)).contains("&lt;at id=all&gt;&lt;/at&gt; &#42;&#42;urgent&#42;&#42;");
    assertThat(links(card)).doesNotContain("javascript:alert(1)");
  }

  // --- helpers -------------------------------------------------------------------------------

  private static Notification notification(ObjectNode payload) {
    return NotificationJson.parse(AlertFixtures.bytes(payload));
  }

  private static AlertView view(ObjectNode payload, boolean silences) {
    return new AlertView(
        notification(payload), Optional.empty(), Optional.empty(), Optional.of("g1"), silences);
  }

  private static JsonNode chatCard(AlertView view) throws IOException {
    return JSON.readTree(AlertCards.forChat(view).content());
  }

  /** All markdown of the card, in order, joined by blank lines. */
  static String markdown(JsonNode card) {
    List<String> texts = new ArrayList<>();
    for (JsonNode element : card.findParents("tag")) {
      if ("markdown".equals(element.path("tag").asText())) {
        texts.add(element.path("content").asText());
      }
    }
    return String.join("\n\n", texts);
  }

  static List<String> callbacks(JsonNode card) {
    return callbackValues(card).stream().map(value -> value.path("action").asText()).toList();
  }

  static List<JsonNode> callbackValues(JsonNode card) {
    return CardButtons.callbackValues(card);
  }

  static List<String> links(JsonNode card) {
    return CardButtons.links(card);
  }
}
