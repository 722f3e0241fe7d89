package io.feishubot.http;

import static io.feishubot.testsupport.BotEndpoint.json;
import static io.feishubot.testsupport.BotEndpoint.onlyReplyTo;
import static io.feishubot.testsupport.BotEndpoint.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feishubot.testsupport.BotEndpoint;
import io.feishubot.testsupport.CardButtons;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.FeishuDelivery;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The {@code /deploy} approval flow end to end, as Feishu drives it: the command's card reply, then
 * signed, encrypted {@code card.action.trigger} callbacks carrying the buttons' values, answered in
 * the HTTP response; and the same with legacy SHA-1 callbacks.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
class CardActionEndpointTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The sender of every test message (Events.MessageEvent). */
  private static final String REQUESTER = "ou_7d8a6e6df7621556ce0d21922b676706ccs";

  @Test
  void approve_turnsTheCardGreen_andALaterRejectStillSaysApproved() {
    DeployCard card = askForDeploy("/deploy api 1.2.3");

    JsonNode approved = press("ou_approver", card.messageId(), card.approve());
    assertThat(approved.path("toast").path("type").asText()).isEqualTo("success");
    assertThat(approved.path("toast").path("content").asText())
        .startsWith("Approved by ou_approver at ");
    JsonNode decided = approved.path("card");
    assertThat(decided.path("type").asText()).isEqualTo("raw");
    assertThat(decided.path("data").path("schema").asText()).isEqualTo("2.0");
    assertThat(decided.path("data").path("header").path("template").asText()).isEqualTo("green");
    assertThat(decided.path("data").path("header").path("title").path("content").asText())
        .isEqualTo("Deploy api 1.2.3: Approved");
    assertThat(decided.toString()).contains("<at id=ou_approver></at>").doesNotContain("button");

    JsonNode later = press("ou_latecomer", card.messageId(), card.reject());
    assertThat(later.path("toast").path("type").asText()).isEqualTo("info");
    assertThat(later.path("toast").path("content").asText())
        .startsWith("Already decided: Approved by ou_approver at ");
    assertThat(later.path("card").path("data").path("header").path("template").asText())
        .isEqualTo("green");
  }

  @Test
  void reject_turnsTheCardRed() {
    DeployCard card = askForDeploy("/deploy billing");
    JsonNode rejected = press("ou_reviewer", card.messageId(), card.reject());
    assertThat(rejected.path("card").path("data").path("header").path("template").asText())
        .isEqualTo("red");
    assertThat(
            rejected
                .path("card")
                .path("data")
                .path("header")
                .path("title")
                .path("content")
                .asText())
        .isEqualTo("Deploy billing latest: Rejected");
  }

  @Test
  void theRequesterCannotApprove_andNothingIsDecided() {
    DeployCard card = askForDeploy("/deploy api");
    JsonNode own = press(REQUESTER, card.messageId(), card.approve());
    assertThat(own.path("toast").path("type").asText()).isEqualTo("warning");
    assertThat(own.has("card")).isFalse();
    // Still open: somebody else decides.
    JsonNode other = press("ou_approver", card.messageId(), card.approve());
    assertThat(other.path("toast").path("type").asText()).isEqualTo("success");
  }

  @Test
  void aReplayedCallback_getsTheSameAnswer_andRunsNothing() {
    DeployCard card = askForDeploy("/deploy api");
    String eventId = Events.newEventId();
    String callback = Events.cardAction(eventId, "ou_approver", card.messageId(), card.approve());
    String first =
        send(FeishuDelivery.of(callback).build()).then().statusCode(200).extract().asString();
    String again =
        send(FeishuDelivery.of(callback).build()).then().statusCode(200).extract().asString();
    assertThat(again).isEqualTo(first);
    // A different person's press afterwards sees the first decision, not a second one.
    assertThat(
            press("ou_other", card.messageId(), card.reject())
                .path("toast")
                .path("content")
                .asText())
        .startsWith("Already decided: Approved by ou_approver");
  }

  @Test
  void twentyConcurrentPresses_makeExactlyOneDecision() throws Exception {
    DeployCard card = askForDeploy("/deploy api 2.0.0");
    List<String> callbacks = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      JsonNode value = i % 2 == 0 ? card.approve() : card.reject();
      callbacks.add(Events.cardAction(Events.newEventId(), "ou_op" + i, card.messageId(), value));
    }
    List<String> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    List<Integer> statuses =
        BotEndpoint.concurrently(
            20,
            () -> {
              String callback = callbacks.get(next.getAndIncrement());
              Response response = send(FeishuDelivery.of(callback).build());
              answers.add(response.asString());
              return response;
            });
    assertThat(statuses).containsOnly(200);
    List<JsonNode> parsed = answers.stream().map(BotEndpoint::json).toList();
    assertThat(parsed.stream().filter(a -> "success".equals(a.path("toast").path("type").asText())))
        .hasSize(1);
    // Every answer that shows a card shows the same decision.
    assertThat(
            parsed.stream()
                .filter(a -> a.has("card"))
                .map(
                    a ->
                        a.path("card")
                            .path("data")
                            .path("header")
                            .path("title")
                            .path("content")
                            .asText())
                .distinct())
        .hasSize(1);
    // Presses that met the decision being written were told to try again; none decided twice.
    assertThat(parsed)
        .allSatisfy(
            a ->
                assertThat(a.path("toast").path("type").asText()).isIn("success", "info", "error"));
  }

  @Test
  void anUnknownAction_getsAToastSayingSo() {
    JsonNode value = JSON.createObjectNode().put("action", "nobody.handles.this");
    JsonNode answer = press("ou_x", "om_" + UUID.randomUUID().toString().replace("-", ""), value);
    assertThat(answer.path("toast").path("type").asText()).isEqualTo("warning");
    assertThat(answer.path("toast").path("content").asText()).contains("not known");
  }

  @Test
  void legacyCallback_signedWithSha1_decidesOnce_andAnswersInItsOwnShape() {
    DeployCard card = askForDeploy("/deploy api 3.1");
    String body = Events.legacyCardAction("ou_approver", card.messageId(), card.approve());
    JsonNode answer =
        json(
            send(FeishuDelivery.of(body).legacyCardCallback().build())
                .then()
                .statusCode(200)
                .extract()
                .asString());
    // The card at the top level, not in {"card":{"type":"raw","data":…}}.
    assertThat(answer.has("card")).isFalse();
    assertThat(answer.path("schema").asText()).isEqualTo("2.0");
    assertThat(answer.path("header").path("template").asText()).isEqualTo("green");
    assertThat(answer.path("toast").path("type").asText()).isEqualTo("success");

    String reject = Events.legacyCardAction("ou_later", card.messageId(), card.reject());
    JsonNode later =
        json(
            send(FeishuDelivery.of(reject).legacyCardCallback().build())
                .then()
                .statusCode(200)
                .extract()
                .asString());
    assertThat(later.path("header").path("title").path("content").asText()).endsWith(": Approved");
  }

  @Test
  void legacyCallback_withABadSignature_getsTheSameGeneric401() {
    DeployCard card = askForDeploy("/deploy api");
    String body = Events.legacyCardAction("ou_approver", card.messageId(), card.approve());
    send(FeishuDelivery.of(body).legacyCardCallback().signature("0".repeat(40)).build())
        .then()
        .statusCode(401)
        .body(org.hamcrest.Matchers.equalTo("{\"error\":\"unauthorized\"}"));
  }

  // --- the simulator's steps ----------------------------------------------------------------

  /** A deploy card as posted: its message id (ours, unique per test) and its buttons' values. */
  record DeployCard(String messageId, JsonNode approve, JsonNode reject) {}

  /** Sends the command and takes the buttons' callback values from the card it replies with. */
  static DeployCard askForDeploy(String command) {
    Events.MessageEvent event = Events.message(command);
    BotEndpoint.deliverUntilAcknowledged(event);
    JsonNode reply = json(onlyReplyTo(event.messageId()).getBodyAsString());
    assertThat(reply.path("msg_type").asText()).isEqualTo("interactive");
    JsonNode card = json(reply.path("content").asText());
    return new DeployCard(
        "om_" + UUID.randomUUID().toString().replace("-", ""),
        buttonValue(card, "deploy.approve"),
        buttonValue(card, "deploy.reject"));
  }

  private static JsonNode buttonValue(JsonNode card, String action) {
    return CardButtons.value(card, action);
  }

  static JsonNode press(String operator, String messageId, JsonNode value) {
    String callback = Events.cardAction(Events.newEventId(), operator, messageId, value);
    return json(
        send(FeishuDelivery.of(callback).build()).then().statusCode(200).extract().asString());
  }
}
