package io.feishubot.emulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator's API end to end: each action is a real signed, encrypted delivery to {@code
 * /feishu/events}, the bot's replies come back through the fake Open API, and the log says what the
 * bot made of each delivery.
 */
@QuarkusTest
@TestProfile(EmulatorProfile.class)
class EmulatorApiTest {

  static final String API = "/dev/emulator/api";
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeEach
  void cleanSlate() {
    post("/reset", "{}").statusCode(200);
  }

  @Test
  void ping_isDeliveredForReal_andThePongIsThreadedToIt() {
    JsonPath said = say("{\"text\":\"/ping\"}");
    assertThat(said.getInt("delivery.status")).isEqualTo(200);
    assertThat(said.getString("delivery.outcome")).isEqualTo("accepted");
    assertThat(said.getString("delivery.eventType")).isEqualTo("im.message.receive_v1");

    // The bot answers before the delivery does, so the reply is already captured.
    String messageId = said.getString("messageId");
    Map<String, Object> reply = onlyReplyTo(messageId);
    assertThat(reply).containsEntry("from", "bot").containsEntry("msgType", "text");
    assertThat(reply.get("content")).isEqualTo(Map.of("text", "pong"));
    assertThat(reply.get("chatId")).isEqualTo(Tenant.GROUP.id());
  }

  @Test
  void directMessage_needsNoMention() {
    JsonPath said = say("{\"user\":\"bob\",\"chat\":\"p2p\",\"text\":\"ping\"}");
    Map<String, Object> reply = onlyReplyTo(said.getString("messageId"));
    assertThat(reply.get("chatId")).isEqualTo("oc_emulator_p2p_bob");
    assertThat(reply.get("content")).isEqualTo(Map.of("text", "pong"));
  }

  @Test
  void redelivery_isADuplicate_andTampering_isRejectedForItsSignature() {
    JsonPath said = say("{\"text\":\"/ping\"}");
    int id = said.getInt("delivery.id");

    JsonPath again =
        post("/deliveries/" + id + "/redeliver", "{}").statusCode(200).extract().jsonPath();
    assertThat(again.getString("delivery.eventId")).isEqualTo(said.getString("delivery.eventId"));
    assertThat(again.getInt("delivery.status")).isEqualTo(200);
    assertThat(again.getString("delivery.outcome")).isEqualTo("duplicate");
    assertThat(again.getString("delivery.kind")).isEqualTo("redelivery");

    JsonPath tampered =
        post("/deliveries/" + id + "/tamper", "{}").statusCode(200).extract().jsonPath();
    assertThat(tampered.getInt("delivery.status")).isEqualTo(401);
    assertThat(tampered.getString("delivery.outcome")).isEqualTo("rejected");
    assertThat(tampered.getString("delivery.reason")).isEqualTo("bad_signature");

    assertThat(repliesTo(said.getString("messageId"))).hasSize(1);
  }

  @Test
  void addingTheBot_postsTheWelcomeCardToTheGroup() {
    JsonPath added =
        post("/bot-added", "{\"user\":\"carol\"}").statusCode(200).extract().jsonPath();
    assertThat(added.getString("delivery.eventType")).isEqualTo("im.chat.member.bot.added_v1");
    assertThat(added.getString("delivery.outcome")).isEqualTo("accepted");
    List<Map<String, Object>> cards =
        state().getList("messages.findAll { it.msgType == 'interactive' }");
    assertThat(cards).hasSize(1);
    assertThat(cards.get(0)).containsEntry("chatId", Tenant.GROUP.id());
    assertThat(cards.get(0).get("content").toString()).contains("Hello! I'm your ChatOps bot");
  }

  @Test
  void pressingACardButton_deliversASignedCardActionTheBotReads() {
    String card = cardAnswering("/" + EmulatorFixtures.APPROVAL);
    JsonPath pressed =
        post(
                "/card-actions",
                "{\"user\":\"bob\",\"messageId\":\""
                    + card
                    + "\",\"value\":{\"action\":\"deploy.approve\",\"service\":\"api\"}}")
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(pressed.getString("delivery.eventType")).isEqualTo("card.action.trigger");
    // 200 from the real endpoint: signature, decryption and token all held. Read as a card
    // action, not malformed: ignored until a card action handler exists, accepted after.
    assertThat(pressed.getInt("delivery.status")).isEqualTo(200);
    assertThat(pressed.getString("delivery.outcome")).isIn("ignored", "accepted");
    assertThat(pressed.getString("note")).isNotBlank();
  }

  /**
   * The {@code /deploy} story needs two people: the bot refuses the requester's own approval (the
   * card stays as asked), and takes a colleague's, whose press turns the card green.
   */
  @Test
  void deploy_isRefusedToItsRequester_andApprovedByAnotherUser() {
    String asked = say("{\"user\":\"alice\",\"text\":\"/deploy api\"}").getString("messageId");
    Map<String, Object> reply = onlyReplyTo(asked);
    assertThat(reply).containsEntry("msgType", "interactive").containsEntry("version", 1);
    String card = (String) reply.get("id");
    JsonNode approve = callbackValue(reply.get("content"), "Approve");
    assertThat(approve.path("requester").asText()).isEqualTo(Tenant.ALICE.openId());

    JsonPath byAlice = press("alice", card, approve);
    assertThat(byAlice.getInt("delivery.status")).isEqualTo(200);
    assertThat(byAlice.getString("delivery.outcome")).isEqualTo("accepted");
    assertThat(byAlice.getString("toast.type")).isEqualTo("warning");
    assertThat(byAlice.getString("toast.content")).contains("someone else must approve");
    Map<String, Object> stillAsked = message(card);
    assertThat(stillAsked).containsEntry("version", 1);
    assertThat(headerTemplate(stillAsked)).isEqualTo("blue");

    JsonPath byBob = press("bob", card, approve);
    assertThat(byBob.getInt("delivery.status")).isEqualTo(200);
    assertThat(byBob.getString("toast.type")).isEqualTo("success");
    assertThat(byBob.getString("toast.content")).startsWith("Approved by " + Tenant.BOB.openId());
    Map<String, Object> decided = message(card);
    assertThat(decided).containsEntry("version", 2);
    assertThat(headerTemplate(decided)).isEqualTo("green");
    assertThat(decided.get("content").toString())
        .contains("Deploy api latest: Approved")
        .contains("**Approved** by <at id=" + Tenant.BOB.openId() + "></at>")
        .doesNotContain("deploy.approve");
  }

  @Test
  void aCardUpdatedLater_changesInPlace() {
    say("{\"text\":\"/" + EmulatorFixtures.PROGRESS + "\"}");
    List<Map<String, Object>> cards =
        state().getList("messages.findAll { it.msgType == 'interactive' }");
    assertThat(cards).hasSize(1);
    assertThat(cards.get(0)).containsEntry("version", 2);
    assertThat(cards.get(0).get("content").toString()).contains("green").contains("Done");
  }

  @Test
  void serverError_isRetried_andThePongArrives() {
    armFault("server-error");
    JsonPath said = say("{\"text\":\"/ping\"}");
    assertThat(said.getString("delivery.outcome")).isEqualTo("accepted");
    assertThat(repliesTo(said.getString("messageId"))).hasSize(1);
    assertThat(callsAnswered()).containsSubsequence("500 server-error", "200 null");
  }

  @Test
  void rateLimit_isWaitedOut_forItsResetSecond() {
    armFault("rate-limit");
    JsonPath said = say("{\"text\":\"/ping\"}");
    assertThat(said.getString("delivery.outcome")).isEqualTo("accepted");
    assertThat(said.getLong("delivery.latencyMs")).isGreaterThanOrEqualTo(1000);
    assertThat(callsAnswered()).containsSubsequence("429 rate-limit", "200 null");
  }

  @Test
  void revokedToken_isReplaced_andTheCallRetriedOnce() {
    armFault("invalid-token");
    JsonPath said = say("{\"text\":\"/ping\"}");
    assertThat(said.getString("delivery.outcome")).isEqualTo("accepted");
    List<String> paths = state().getList("openApiCalls.path");
    assertThat(paths).anyMatch(path -> path.contains("tenant_access_token"));
    assertThat(callsAnswered()).containsSubsequence("400 invalid-token", "200 null");
  }

  @Test
  void slowAnswer_timesOutTheAttempt_butTheRetryPostsNothingTwice() {
    armFault("slow");
    JsonPath said = say("{\"text\":\"/ping\"}");
    assertThat(said.getString("delivery.outcome")).isEqualTo("accepted");
    // The slow call posted; the retry carried the same uuid and found it.
    assertThat(repliesTo(said.getString("messageId"))).hasSize(1);
    assertThat(callsAnswered()).contains("200 slow");
  }

  @Test
  void badRequests_areAnswered400_sayingWhatIsWrong() {
    post("/messages", "not json")
        .statusCode(400)
        .body("error", equalTo("the body must be a JSON object"));
    post("/messages", "{\"text\":\"/ping\",\"user\":\"mallory\"}")
        .statusCode(400)
        .body("error", equalTo("user must be one of alice, bob, carol"));
    post("/messages", "{\"text\":\"  \"}")
        .statusCode(400)
        .body("error", equalTo("text is required"));
    post("/messages", "{\"text\":\"" + "x".repeat(4001) + "\"}")
        .statusCode(400)
        .body("error", containsString("longer than 4000"));
    post("/messages", "{\"text\":\"/ping\",\"chat\":\"channel\"}")
        .statusCode(400)
        .body("error", equalTo("chat must be one of group, p2p"));
    post("/messages", "{\"text\":\"/ping\",\"mention\":\"yes\"}")
        .statusCode(400)
        .body("error", equalTo("mention must be true or false"));
    post("/card-actions", "{\"messageId\":\"om_x\",\"value\":\"approve\"}")
        .statusCode(400)
        .body("error", equalTo("value must be a JSON object"));
    given()
        .contentType("application/json")
        .body("{\"next\":\"fire\"}")
        .put(API + "/faults")
        .then()
        .statusCode(400)
        .body("error", containsString("next must be one of"));
    given()
        .get(API + "/state?since=soon")
        .then()
        .statusCode(400)
        .body("error", equalTo("since must be a revision number"));
  }

  @Test
  void unknownDeliveriesAndCards_are404() {
    post("/deliveries/999999/redeliver", "{}").statusCode(404);
    post("/deliveries/abc/tamper", "{}").statusCode(404);
    post("/card-actions", "{\"messageId\":\"om_nothing\",\"value\":{}}")
        .statusCode(404)
        .body("error", equalTo("no card with that messageId"));
  }

  @Test
  void stateChangingCalls_mustBeJson_soOtherSitesCannotForgeThem() {
    given()
        .contentType("text/plain")
        .body("{\"text\":\"/ping\"}")
        .post(API + "/messages")
        .then()
        .statusCode(415);
    given().post(API + "/reset").then().statusCode(415);
  }

  @Test
  void aPollFromBeforeARestart_isAnsweredAtOnce() {
    long revision = state().getLong("revision");
    assertThat(
            given()
                .get(API + "/state?since=" + (revision + 1000))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("revision"))
        .isEqualTo(revision);
  }

  @Test
  void thePage_isServedWithAStrictContentPolicy() {
    given()
        .get(EmulatorPage.ROOT)
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .header("Content-Security-Policy", containsString("script-src 'self'"))
        .body(containsString("data-testid=\"message-input\""));
    given()
        .get(EmulatorPage.ROOT + "/assets/emulator.js")
        .then()
        .statusCode(200)
        .contentType(containsString("javascript"));
    given().get(EmulatorPage.ROOT + "/assets/application.properties").then().statusCode(404);
    given()
        .get(EmulatorPage.ROOT + "/assets/..%2Fapplication.properties")
        .then()
        .statusCode(oneOf(400, 404));
  }

  // --- helpers ---------------------------------------------------------------------------------

  static ValidatableResponse post(String path, String body) {
    return given().contentType("application/json").body(body).post(API + path).then();
  }

  static JsonPath say(String body) {
    return post("/messages", body).statusCode(200).extract().jsonPath();
  }

  static JsonPath state() {
    return given().get(API + "/state").then().statusCode(200).extract().jsonPath();
  }

  static void armFault(String fault) {
    given()
        .contentType("application/json")
        .body("{\"next\":\"" + fault + "\"}")
        .put(API + "/faults")
        .then()
        .statusCode(200)
        .body("fault", equalTo(fault));
  }

  static List<Map<String, Object>> repliesTo(String messageId) {
    return state().getList("messages.findAll { it.parentId == '" + messageId + "' }");
  }

  static Map<String, Object> onlyReplyTo(String messageId) {
    List<Map<String, Object>> replies = repliesTo(messageId);
    assertThat(replies).hasSize(1);
    return replies.get(0);
  }

  /** The message calls, oldest first, as "status fault". */
  static List<String> callsAnswered() {
    List<Map<String, Object>> calls =
        state().getList("openApiCalls.findAll { it.path.contains('/im/v1/') }");
    return calls.stream().map(call -> call.get("status") + " " + call.get("fault")).toList();
  }

  /** {@code user} presses a callback button whose value is {@code value} on card {@code card}. */
  static JsonPath press(String user, String card, JsonNode value) {
    ObjectNode body = JSON.createObjectNode().put("user", user).put("messageId", card);
    body.set("value", value);
    return post("/card-actions", body.toString()).statusCode(200).extract().jsonPath();
  }

  /** The message {@code id} as the page sees it now. */
  static Map<String, Object> message(String id) {
    Map<String, Object> message = state().getMap("messages.find { it.id == '" + id + "' }");
    assertThat(message).as("message %s", id).isNotNull();
    return message;
  }

  static String headerTemplate(Map<String, Object> card) {
    return JSON.valueToTree(card.get("content")).path("header").path("template").asText();
  }

  /** The callback value of the button labelled {@code label} in a card's content. */
  static JsonNode callbackValue(Object content, String label) {
    return JSON.valueToTree(content).findParents("tag").stream()
        .filter(node -> "button".equals(node.path("tag").asText()))
        .filter(node -> label.equals(node.path("text").path("content").asText()))
        .flatMap(node -> StreamSupport.stream(node.path("behaviors").spliterator(), false))
        .filter(behavior -> "callback".equals(behavior.path("type").asText()))
        .map(behavior -> behavior.get("value"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no callback button '" + label + "' in " + content));
  }

  /** Sends {@code command} and returns the id of the card the bot answered with. */
  static String cardAnswering(String command) {
    String messageId = say("{\"text\":\"" + command + "\"}").getString("messageId");
    Map<String, Object> reply = onlyReplyTo(messageId);
    assertThat(reply).containsEntry("msgType", "interactive");
    return (String) reply.get("id");
  }
}
