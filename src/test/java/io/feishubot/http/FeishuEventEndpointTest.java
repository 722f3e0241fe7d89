package io.feishubot.http;

import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.feishubot.testsupport.BotEndpoint.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.feishubot.testsupport.BotEndpoint;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.FeishuDelivery;
import io.feishubot.testsupport.TestKeys;
import io.feishubot.webhook.ReplyIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The endpoint end to end: real signed and encrypted deliveries in, real HTTP replies out to a
 * local Open API that follows Feishu's contract.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
class FeishuEventEndpointTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  // --- URL verification -------------------------------------------------------------------

  @Test
  void answersPlainChallenge_withoutSignatureHeaders() {
    String body = Events.challenge("ajls384kdjx98XX", TestKeys.VERIFICATION_TOKEN);
    send(FeishuDelivery.of(body).plaintext().unsigned().build())
        .then()
        .statusCode(200)
        .body("challenge", equalTo("ajls384kdjx98XX"));
  }

  @Test
  void answersEncryptedChallenge_fromTheProtocolVector() {
    // Vector (a2) of shared/feishu-protocol.md §12, exactly as Feishu would send it.
    String body =
        "{\"encrypt\":\"Dw4NDAsKCQgHBgUEAwIBAE4eO3T/20fW5z5HyjEqoYvMaUF9zEbbtfTmgYOHKb8bdgrlxHEyac3lC+cKbCvfIbK0gmKYKleAtvNNS8lhiUjjqy1P7H1D5t094ej+Z9uU\"}";
    given()
        .contentType("application/json")
        .body(body)
        .post(EVENTS)
        .then()
        .statusCode(200)
        .body(equalTo("{\"challenge\":\"ajls384kdjx98XX\"}"));
  }

  @Test
  void rejectsChallenge_whenTokenIsForged() {
    String body = Events.challenge("abc", "not-the-token");
    send(FeishuDelivery.of(body).unsigned().build())
        .then()
        .statusCode(401)
        .body(equalTo("{\"error\":\"unauthorized\"}"));
    send(FeishuDelivery.of(body).plaintext().unsigned().build()).then().statusCode(401);
  }

  @Test
  void rejectsUnsignedChallenge_encryptedWithAnotherKey_asUnauthorized() {
    String body = Events.challenge("abc", TestKeys.VERIFICATION_TOKEN);
    send(FeishuDelivery.of(body).encryptKey("another key").unsigned().build())
        .then()
        .statusCode(401);
  }

  // --- Commands -----------------------------------------------------------------------------

  @Test
  void ping_repliesPongInThread_withBearerTokenAndDeterministicUuid() {
    Events.MessageEvent event = Events.message("/ping");
    send(FeishuDelivery.of(event.json()).build())
        .then()
        .statusCode(200)
        .body("msg", equalTo("success"));

    LoggedRequest reply = onlyReplyTo(event.messageId());
    assertThat(reply.getHeader("Authorization")).isEqualTo("Bearer " + TestKeys.TENANT_TOKEN);
    assertThat(reply.getHeader("Content-Type")).startsWith("application/json");
    JsonNode body = json(reply.getBodyAsString());
    assertThat(body.path("msg_type").asText()).isEqualTo("text");
    assertThat(body.path("content").isTextual()).isTrue();
    assertThat(json(body.path("content").asText()).path("text").asText()).isEqualTo("pong");
    assertThat(body.path("uuid").asText())
        .isEqualTo(ReplyIds.forEvent(TestKeys.APP_ID, event.eventId()));
  }

  @Test
  void help_answersACard2_listingEveryRegisteredCommand() throws Exception {
    Events.MessageEvent event = Events.message("/help");
    send(FeishuDelivery.of(event.json()).build()).then().statusCode(200);
    JsonNode body = json(onlyReplyTo(event.messageId()).getBodyAsString());
    assertThat(body.path("msg_type").asText()).isEqualTo("interactive");
    assertThat(body.path("content").isTextual()).isTrue();
    JsonNode card = json(body.path("content").asText());
    assertThat(card.path("schema").asText()).isEqualTo("2.0");
    assertThat(card.path("config").path("update_multi").asBoolean()).isTrue();
    assertThat(card.path("body").path("elements").toString())
        .contains("**/help** — ")
        .contains("**/ping** — Check that the bot is alive");
  }

  @Test
  void unknownCommand_pointsToHelp() throws Exception {
    Events.MessageEvent event = Events.message("/frobnicate now");
    send(FeishuDelivery.of(event.json()).build()).then().statusCode(200);
    assertThat(replyText(onlyReplyTo(event.messageId())))
        .isEqualTo("Unknown command /frobnicate. Send /help to see what I can do.");
  }

  @Test
  void p2pMessageWithoutSlash_isACommand() throws Exception {
    Events.MessageEvent event = Events.message("ping").p2p();
    send(FeishuDelivery.of(event.json()).build()).then().statusCode(200);
    assertThat(replyText(onlyReplyTo(event.messageId()))).isEqualTo("pong");
  }

  @Test
  void postMessage_isReadAsACommand() throws Exception {
    String post =
        "{\"title\":\"\",\"content\":[[{\"tag\":\"at\",\"user_id\":\"@_user_1\",\"user_name\":\"DeployBot\"},"
            + "{\"tag\":\"text\",\"text\":\" /ping \"}]]}";
    Events.MessageEvent event = Events.message("").content("post", post);
    send(FeishuDelivery.of(event.json()).build()).then().statusCode(200);
    assertThat(replyText(onlyReplyTo(event.messageId()))).isEqualTo("pong");
  }

  @Test
  void messagesFromApps_areIgnored() {
    Events.MessageEvent event = Events.message("/ping").fromApp();
    send(FeishuDelivery.of(event.json()).build()).then().statusCode(200);
    assertThat(repliesTo(event.messageId())).isEmpty();
  }

  @Test
  void otherEventTypes_areAcknowledgedWithoutAction() {
    String body =
        Events.envelope(
            Events.newEventId(),
            "im.chat.member.bot.added_v1",
            TestKeys.VERIFICATION_TOKEN,
            JSON.createObjectNode().put("chat_id", "oc_1"));
    send(FeishuDelivery.of(body).build()).then().statusCode(200).body("msg", equalTo("success"));
  }

  // --- Deduplication ------------------------------------------------------------------------

  @Test
  void redeliveredEvent_repliesOnce() {
    Events.MessageEvent event = Events.message("/ping");
    send(FeishuDelivery.of(event.json()).build()).then().statusCode(200);
    // A redelivery is a new request: new nonce, new timestamp, same event.
    send(FeishuDelivery.of(event.json()).build()).then().statusCode(200);
    assertThat(repliesTo(event.messageId())).hasSize(1);
  }

  @Test
  void twentyConcurrentDeliveriesOfOneEvent_runTheHandlerOnce() throws Exception {
    Events.MessageEvent event = Events.message("/ping");
    double runsBefore = BotEndpoint.metric("feishu_command_duration_seconds_count", "\"ping\"");
    List<Integer> statuses = concurrently(20, () -> send(FeishuDelivery.of(event.json()).build()));
    // The one that ran it answers 200; one that met it still running answers 503 (it may yet fail)
    // and Feishu redelivers; one that came after it finished answers 200.
    assertThat(statuses).contains(200).allMatch(status -> status == 200 || status == 503);
    send(FeishuDelivery.of(event.json()).build()).then().statusCode(200);
    assertThat(BotEndpoint.metric("feishu_command_duration_seconds_count", "\"ping\""))
        .as("the handler ran once")
        .isEqualTo(runsBefore + 1);
    // One reply, as Feishu counts them: an attempt that timed out on a slow machine is resent
    // with the same uuid, which Feishu posts once.
    assertThat(repliesTo(event.messageId()).stream().map(BotEndpoint::uuidOf).distinct())
        .hasSize(1);
  }

  @Test
  void manyConcurrentReplies_reuseTheCachedToken() throws Exception {
    // Black-box (this also runs against the packaged jar): the token fetched at startup serves
    // every reply. Single-flight refetching is covered by OutboundResilienceTest.
    send(FeishuDelivery.of(Events.message("/ping").json()).build()).then().statusCode(200);
    int fetchesBefore = tokenFetches();
    List<Integer> statuses =
        concurrently(16, () -> send(FeishuDelivery.of(Events.message("/ping").json()).build()));
    assertThat(statuses).containsOnly(200);
    assertThat(tokenFetches()).isEqualTo(fetchesBefore);
    // (The startup fetch itself may have taken a few attempts on a slow machine.)
    assertThat(fetchesBefore).isPositive();
  }

  @Test
  void failedReply_answers503_andTheRedeliveryRunsAgain() throws Exception {
    Events.MessageEvent event = Events.message("/ping");
    var outage =
        FakeFeishuOpenApi.server()
            .stubFor(
                WireMock.post(
                        urlEqualTo("/open-apis/im/v1/messages/" + event.messageId() + "/reply"))
                    .atPriority(1)
                    .willReturn(
                        FakeFeishuOpenApi.json(500, "{\"code\":1,\"msg\":\"internal error\"}")));
    send(FeishuDelivery.of(event.json()).build())
        .then()
        .statusCode(503)
        .body(equalTo("{\"error\":\"temporarily unavailable, retry later\"}"));
    FakeFeishuOpenApi.server().removeStub(outage);

    send(FeishuDelivery.of(event.json()).build()).then().statusCode(200);
    List<LoggedRequest> attempts = repliesTo(event.messageId());
    assertThat(attempts).hasSizeGreaterThanOrEqualTo(2);
    // Every attempt carries the same uuid, so Feishu can never post the reply twice.
    assertThat(attempts.stream().map(BotEndpoint::uuidOf).distinct())
        .containsExactly(ReplyIds.forEvent(TestKeys.APP_ID, event.eventId()));
  }

  // --- Authentication -------------------------------------------------------------------------

  @Test
  void rejectsForgedSignature() {
    Events.MessageEvent event = Events.message("/ping");
    send(FeishuDelivery.of(event.json()).signature("0".repeat(64)).build())
        .then()
        .statusCode(401)
        .body(equalTo("{\"error\":\"unauthorized\"}"));
    assertThat(repliesTo(event.messageId())).isEmpty();
  }

  @Test
  void rejectsSignatureMadeWithAnotherKey() {
    Events.MessageEvent event = Events.message("/ping");
    send(FeishuDelivery.of(event.json()).encryptKey("attacker key").build()).then().statusCode(401);
  }

  @Test
  void rejectsEvent_withoutSignatureHeaders() {
    Events.MessageEvent event = Events.message("/ping");
    send(FeishuDelivery.of(event.json()).unsigned().build()).then().statusCode(401);
    assertThat(repliesTo(event.messageId())).isEmpty();
  }

  @Test
  void rejectsEvent_withOnlySomeSignatureHeaders() {
    FeishuDelivery delivery = FeishuDelivery.of(Events.message("/ping").json()).build();
    given()
        .contentType("application/json")
        .header("X-Lark-Signature", delivery.headers().get("X-Lark-Signature"))
        .body(delivery.body())
        .post(EVENTS)
        .then()
        .statusCode(401);
  }

  @Test
  void rejectsStaleTimestamp_olderThanRetention() {
    Events.MessageEvent event = Events.message("/ping");
    send(FeishuDelivery.of(event.json())
            .timestamp(Instant.now().minus(Duration.ofHours(25)))
            .build())
        .then()
        .statusCode(401);
    assertThat(repliesTo(event.messageId())).isEmpty();
  }

  @Test
  void acceptsTimestampOfAFeishuRedeliverySixHoursLate() {
    Events.MessageEvent event = Events.message("/ping");
    send(FeishuDelivery.of(event.json())
            .timestamp(Instant.now().minus(Duration.ofHours(7)))
            .build())
        .then()
        .statusCode(200);
    assertThat(repliesTo(event.messageId())).hasSize(1);
  }

  @Test
  void rejectsTimestampTooFarInTheFuture() {
    send(FeishuDelivery.of(Events.message("/ping").json())
            .timestamp(Instant.now().plus(Duration.ofMinutes(10)))
            .build())
        .then()
        .statusCode(401);
  }

  @Test
  void rejectsForgedVerificationToken_evenWhenSignedAndEncrypted() {
    Events.MessageEvent event = Events.message("/ping").token("forged");
    send(FeishuDelivery.of(event.json()).build()).then().statusCode(401);
    assertThat(repliesTo(event.messageId())).isEmpty();
  }

  // --- Malformed input ----------------------------------------------------------------------

  @Test
  void acknowledgesSignedBodiesThatCannotBeRead_andCountsThem() {
    String[] bodies = {
      "not json",
      "[1,2,3]",
      "\"a string\"",
      "{\"encrypt\":\"***not base64***\"}",
      "{\"encrypt\":\"AAECAwQFBgcICQoLDA0ODw==\"}",
      "{\"encrypt\":42}",
      "{\"schema\":\"2.0\",\"header\":{\"event_type\":\"im.message.receive_v1\"},\"event\":{}}",
      "[".repeat(5000) + "]".repeat(5000),
      "{\"a\":".repeat(200) + "1" + "}".repeat(200),
      "",
    };
    double before = BotEndpoint.eventCount("malformed");
    for (String body : bodies) {
      // Signed with the encrypt key, so authentic: a refusal would only bring redeliveries.
      send(FeishuDelivery.of("{}").raw(body.getBytes(StandardCharsets.UTF_8)))
          .then()
          .statusCode(200);
    }
    assertThat(BotEndpoint.eventCount("malformed") - before).isEqualTo(bodies.length);
  }

  @Test
  void acknowledgesSignedCiphertextWithBadPadding() {
    // Valid base64 and block size, but encrypted under another key: the padding check fails.
    String ciphertext =
        new io.feishubot.feishu.EventCipher("another key")
            .encrypt("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    byte[] body = ("{\"encrypt\":\"" + ciphertext + "\"}").getBytes(StandardCharsets.UTF_8);
    send(FeishuDelivery.of("{}").raw(body)).then().statusCode(200);
  }

  @Test
  void acknowledgesMessageEvent_withoutMessageId() {
    String body =
        Events.envelope(
            Events.newEventId(),
            "im.message.receive_v1",
            TestKeys.VERIFICATION_TOKEN,
            JSON.createObjectNode());
    send(FeishuDelivery.of(body).build()).then().statusCode(200);
  }

  @Test
  void rejectsBodiesOverOneMebibyte_with413() {
    byte[] body = new byte[1024 * 1024 + 1];
    java.util.Arrays.fill(body, (byte) ' ');
    Response response = send(FeishuDelivery.of("{}").raw(body));
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.asString()).doesNotContain("Exception").doesNotContain("at io.");
  }

  @Test
  void unknownPathsAndMethods_getGenericErrors() {
    given().get(EVENTS).then().statusCode(405).body(not(containsString("Exception")));
    given().post("/feishu/nothing").then().statusCode(404);
  }
}
