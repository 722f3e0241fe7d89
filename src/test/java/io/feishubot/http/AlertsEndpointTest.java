package io.feishubot.http;

import static io.feishubot.testsupport.AlertmanagerWebhook.cardOf;
import static io.feishubot.testsupport.AlertmanagerWebhook.deliver;
import static io.feishubot.testsupport.AlertmanagerWebhook.distinctUpdatesOf;
import static io.feishubot.testsupport.AlertmanagerWebhook.messageIdOf;
import static io.feishubot.testsupport.AlertmanagerWebhook.newChat;
import static io.feishubot.testsupport.AlertmanagerWebhook.postedTo;
import static io.feishubot.testsupport.AlertmanagerWebhook.updatesOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.feishubot.alerts.AlertFixtures;
import io.feishubot.testsupport.AlertmanagerWebhook;
import io.feishubot.testsupport.AlertsConfig;
import io.feishubot.testsupport.BotEndpoint;
import io.feishubot.testsupport.CardButtons;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.FeishuDelivery;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Alertmanager receiver against the fake Open API, as Alertmanager and Feishu drive it: bearer
 * token, payload, card in the chat, the same card updated on resolve, Acknowledge pressed through a
 * signed, encrypted {@code card.action.trigger}.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = AlertsConfig.class, restrictToAnnotatedClass = true)
class AlertsEndpointTest {

  @Test
  void rightToken_postsACardNamingTheAlert_toTheConfiguredChat() {
    String service = unique("svc");
    deliver(AlertFixtures.firing(service), AlertsConfig.TOKEN, null).then().statusCode(200);

    List<JsonNode> cards =
        postedTo(AlertsConfig.CHAT_ID).stream()
            .map(AlertmanagerWebhook::cardOf)
            .filter(card -> card.toString().contains(service))
            .toList();
    assertThat(cards).hasSize(1);
    JsonNode card = cards.get(0);
    assertThat(card.at("/header/title/content").asText()).isEqualTo("HighErrorRate");
    assertThat(card.at("/header/template").asText()).isEqualTo("red");
    assertThat(card.toString()).contains("alerts.ack");
  }

  @Test
  void chatIdOnTheRequest_choosesTheChat() {
    String chat = newChat();
    deliver(AlertFixtures.firing(unique("svc")), AlertsConfig.TOKEN, chat).then().statusCode(200);
    assertThat(postedTo(chat)).hasSize(1);
  }

  @Test
  void wrongOrMissingToken_gets401_andNothingIsSent() {
    String chat = newChat();
    ObjectNode payload = AlertFixtures.firing(unique("svc"));
    for (String token : new String[] {"wrong", AlertsConfig.TOKEN + "x", "", null}) {
      Response response = deliver(payload, token, chat);
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.asString()).isEqualTo("{\"error\":\"unauthorized\"}");
    }
    // Another scheme with the right secret is not a bearer token either.
    given()
        .contentType("application/json")
        .header("Authorization", "Basic " + AlertsConfig.TOKEN)
        .queryParam("chat_id", chat)
        .body(payload.toString())
        .post(AlertmanagerWebhook.PATH)
        .then()
        .statusCode(401);
    assertThat(FakeFeishuOpenApi.sentTo(chat)).isEmpty();
  }

  @Test
  void malformedPayloadOrChatId_gets400_withoutEchoingIt() {
    String chat = newChat();
    Response response =
        given()
            .contentType("application/json")
            .header("Authorization", "Bearer " + AlertsConfig.TOKEN)
            .queryParam("chat_id", chat)
            .body("{\"status\":\"on-fire-7c1e\",\"alerts\":[]}")
            .post(AlertmanagerWebhook.PATH);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.asString()).isEqualTo("{\"error\":\"malformed request\"}");

    Response badChat =
        deliver(AlertFixtures.firing(unique("svc")), AlertsConfig.TOKEN, "oc_x\"><at id=all>");
    assertThat(badChat.statusCode()).isEqualTo(400);
    assertThat(badChat.asString()).doesNotContain("at id");
    assertThat(FakeFeishuOpenApi.sentTo(chat)).isEmpty();
  }

  @Test
  void oversizedPayload_gets413() {
    byte[] body = new byte[1024 * 1024 + 1];
    java.util.Arrays.fill(body, (byte) ' ');
    Response response =
        given()
            .contentType("application/json")
            .header("Authorization", "Bearer " + AlertsConfig.TOKEN)
            .body(body)
            .post(AlertmanagerWebhook.PATH);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.asString()).doesNotContain("Exception");
  }

  @Test
  void resolvedNotification_turnsTheSameCardGreen_insteadOfPostingAgain() {
    String chat = newChat();
    String service = unique("svc");
    deliver(AlertFixtures.firing(service), AlertsConfig.TOKEN, chat).then().statusCode(200);
    LoggedRequest posted = onlyCardIn(chat);

    deliver(AlertFixtures.resolved(service), AlertsConfig.TOKEN, chat).then().statusCode(200);

    assertThat(postedTo(chat)).as("no second post").hasSize(1);
    List<String> updates = distinctUpdatesOf(messageIdOf(posted));
    assertThat(updates).hasSize(1);
    JsonNode green = BotEndpoint.json(BotEndpoint.json(updates.get(0)).path("content").asText());
    assertThat(green.at("/header/template").asText()).isEqualTo("green");
    assertThat(green.toString()).contains("**Resolved**").doesNotContain("alerts.ack");
  }

  @Test
  void duplicateNotification_postsNothingMore() {
    String chat = newChat();
    ObjectNode firing = AlertFixtures.firing(unique("svc"));
    deliver(firing, AlertsConfig.TOKEN, chat).then().statusCode(200);
    deliver(firing, AlertsConfig.TOKEN, chat).then().statusCode(200);
    LoggedRequest posted = onlyCardIn(chat);
    assertThat(updatesOf(messageIdOf(posted))).isEmpty();
  }

  @Test
  void moreAlertsInTheGroup_updateTheCard() {
    String chat = newChat();
    String service = unique("svc");
    deliver(AlertFixtures.firing(service), AlertsConfig.TOKEN, chat).then().statusCode(200);
    ObjectNode more = AlertFixtures.firing(service);
    ObjectNode third = more.path("alerts").get(1).deepCopy();
    ((ObjectNode) third.path("labels")).put("instance", "api-3:8080");
    third.put("fingerprint", "3333333333333333");
    ((com.fasterxml.jackson.databind.node.ArrayNode) more.path("alerts")).add(third);
    deliver(more, AlertsConfig.TOKEN, chat).then().statusCode(200);

    LoggedRequest posted = onlyCardIn(chat);
    List<String> updates = distinctUpdatesOf(messageIdOf(posted));
    assertThat(updates).hasSize(1);
    assertThat(updates.get(0)).contains("api-3:8080");
  }

  @Test
  void firingAgainAfterResolved_postsANewCard() {
    String chat = newChat();
    String service = unique("svc");
    deliver(AlertFixtures.firing(service), AlertsConfig.TOKEN, chat).then().statusCode(200);
    deliver(AlertFixtures.resolved(service), AlertsConfig.TOKEN, chat).then().statusCode(200);
    deliver(AlertFixtures.firing(service), AlertsConfig.TOKEN, chat).then().statusCode(200);

    List<LoggedRequest> posted = postedTo(chat);
    assertThat(posted).hasSize(2);
    assertThat(messageIdOf(posted.get(1))).isNotEqualTo(messageIdOf(posted.get(0)));
    assertThat(cardOf(posted.get(1)).at("/header/template").asText()).isEqualTo("red");
  }

  @Test
  void whenFeishuFails_answers503_andTheRetryPostsOnce() {
    String chat = newChat();
    ObjectNode firing = AlertFixtures.firing(unique("svc"));
    StubMapping outage =
        FakeFeishuOpenApi.server()
            .stubFor(
                WireMock.post(WireMock.urlPathEqualTo(FakeFeishuOpenApi.SEND_PATH))
                    .withRequestBody(
                        WireMock.matchingJsonPath("$.receive_id", WireMock.equalTo(chat)))
                    .atPriority(1)
                    .willReturn(FakeFeishuOpenApi.error(500, 1, "internal error")));
    try {
      Response failed = deliver(firing, AlertsConfig.TOKEN, chat);
      assertThat(failed.statusCode()).isEqualTo(503);
      assertThat(failed.asString()).doesNotContain("internal error");
    } finally {
      FakeFeishuOpenApi.server().removeStub(outage);
    }
    int attempts = FakeFeishuOpenApi.sentTo(chat).size();
    assertThat(attempts).as("retried within the deadline").isGreaterThan(1);

    // Alertmanager sends it again: posted now, with the uuid every attempt had.
    deliver(firing, AlertsConfig.TOKEN, chat).then().statusCode(200);
    List<LoggedRequest> all = FakeFeishuOpenApi.sentTo(chat);
    assertThat(all.size()).isGreaterThan(attempts);
    assertThat(all.stream().map(BotEndpoint::uuidOf).distinct()).hasSize(1);
  }

  @Test
  void acknowledge_updatesTheCardOnce_andLaterNotificationsKeepIt() {
    String chat = newChat();
    String service = unique("svc");
    deliver(AlertFixtures.firing(service), AlertsConfig.TOKEN, chat).then().statusCode(200);
    LoggedRequest posted = onlyCardIn(chat);
    String messageId = messageIdOf(posted);
    JsonNode ack = CardButtons.value(cardOf(posted), "alerts.ack");

    JsonNode first = press("ou_oncall1", messageId, ack);
    assertThat(first.at("/toast/type").asText()).isEqualTo("success");
    JsonNode acknowledged = first.at("/card/data");
    assertThat(acknowledged.toString())
        .contains("**Acknowledged** by <at id=ou_oncall1></at> at ")
        .doesNotContain("alerts.ack");
    assertThat(acknowledged.at("/header/template").asText()).isEqualTo("red");

    JsonNode second = press("ou_oncall2", messageId, ack);
    assertThat(second.at("/toast/type").asText()).isEqualTo("info");
    assertThat(second.at("/toast/content").asText())
        .startsWith("Already acknowledged by ou_oncall1");
    assertThat(second.at("/card/data").toString())
        .contains("<at id=ou_oncall1></at>")
        .doesNotContain("ou_oncall2");

    // The answer replaced the card for everyone: the same notification again sends nothing ...
    deliver(AlertFixtures.firing(service), AlertsConfig.TOKEN, chat).then().statusCode(200);
    assertThat(updatesOf(messageId)).isEmpty();
    // ... and the resolved card still says who acknowledged.
    deliver(AlertFixtures.resolved(service), AlertsConfig.TOKEN, chat).then().statusCode(200);
    List<String> updates = distinctUpdatesOf(messageId);
    assertThat(updates).hasSize(1);
    assertThat(updates.get(0)).contains("Acknowledged").contains("ou_oncall1");
  }

  @Test
  void pressingAnOldCard_changesNothing() {
    String chat = newChat();
    String service = unique("svc");
    deliver(AlertFixtures.firing(service), AlertsConfig.TOKEN, chat).then().statusCode(200);
    LoggedRequest old = onlyCardIn(chat);
    deliver(AlertFixtures.resolved(service), AlertsConfig.TOKEN, chat).then().statusCode(200);
    deliver(AlertFixtures.firing(service), AlertsConfig.TOKEN, chat).then().statusCode(200);

    JsonNode answer =
        press("ou_late", messageIdOf(old), CardButtons.value(cardOf(old), "alerts.ack"));
    assertThat(answer.at("/toast/content").asText()).contains("no longer current");
    assertThat(answer.has("card")).isFalse();
  }

  // --- helpers -------------------------------------------------------------------------------

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static LoggedRequest onlyCardIn(String chat) {
    List<LoggedRequest> sent = postedTo(chat);
    assertThat(sent).hasSize(1);
    return sent.get(0);
  }

  static JsonNode press(String operator, String messageId, JsonNode value) {
    String callback = Events.cardAction(Events.newEventId(), operator, messageId, value);
    return BotEndpoint.json(
        BotEndpoint.send(FeishuDelivery.of(callback).build())
            .then()
            .statusCode(200)
            .extract()
            .asString());
  }
}
