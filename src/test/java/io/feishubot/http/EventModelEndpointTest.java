package io.feishubot.http;

import static io.feishubot.testsupport.BotEndpoint.deliver;
import static io.feishubot.testsupport.BotEndpoint.eventCount;
import static io.feishubot.testsupport.BotEndpoint.json;
import static io.feishubot.testsupport.BotEndpoint.onlyReplyTo;
import static io.feishubot.testsupport.BotEndpoint.repliesTo;
import static io.feishubot.testsupport.BotEndpoint.replyText;
import static io.feishubot.testsupport.BotEndpoint.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.FeishuDelivery;
import io.feishubot.testsupport.TestKeys;
import io.feishubot.webhook.ReplyIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Events other than commands, and messages of unexpected shapes, end to end: signed, encrypted
 * deliveries in, Open API calls out to the local fake.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
class EventModelEndpointTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void botAddedToAGroup_postsOneWelcomeListingTheCommands_andARedeliveryPostsNothing()
      throws Exception {
    String eventId = Events.newEventId();
    String chatId = "oc_" + UUID.randomUUID().toString().replace("-", "");
    String delivery = Events.botAdded(eventId, chatId);

    send(FeishuDelivery.of(delivery).build()).then().statusCode(200);

    List<LoggedRequest> sent = FakeFeishuOpenApi.sentTo(chatId);
    assertThat(sent).hasSize(1);
    LoggedRequest welcome = sent.get(0);
    assertThat(welcome.queryParameter("receive_id_type").firstValue()).isEqualTo("chat_id");
    JsonNode body = json(welcome.getBodyAsString());
    assertThat(body.path("msg_type").asText()).isEqualTo("interactive");
    assertThat(body.path("uuid").asText())
        .isEqualTo(ReplyIds.forEvent(TestKeys.APP_ID, eventId, 1));
    JsonNode card = json(body.path("content").asText());
    assertThat(card.path("schema").asText()).isEqualTo("2.0");
    assertThat(card.toString()).contains("/help").contains("/ping");

    send(FeishuDelivery.of(delivery).build()).then().statusCode(200);
    assertThat(FakeFeishuOpenApi.sentTo(chatId)).hasSize(1);
  }

  @Test
  void botRemoved_isAcknowledged_andSendsNothing() {
    String chatId = "oc_" + UUID.randomUUID().toString().replace("-", "");
    var event = JSON.createObjectNode().put("chat_id", chatId).put("external", false);
    event.putObject("operator_id").put("open_id", "ou_1");
    String delivery =
        Events.envelope(
            Events.newEventId(),
            "im.chat.member.bot.deleted_v1",
            TestKeys.VERIFICATION_TOKEN,
            event);
    send(FeishuDelivery.of(delivery).build()).then().statusCode(200);
    assertThat(FakeFeishuOpenApi.sentTo(chatId)).isEmpty();
  }

  @Test
  void messagesOfUnexpectedShape_areAcknowledgedAndCountedAsMalformed() {
    List<Events.MessageEvent> malformed =
        List.of(
            Events.message("/ping").content("text", "{\"text\":42}"),
            Events.message("/ping").content("text", "not json at all"),
            Events.message("/ping").content("post", "[unterminated"));
    double before = eventCount("malformed");
    for (Events.MessageEvent event : malformed) {
      deliver(event).then().statusCode(200);
      assertThat(repliesTo(event.messageId())).isEmpty();
    }
    String notAList =
        Events.message("/ping")
            .json()
            .replace("\"mentions\":[", "\"mentions\":{\"x\":[")
            .replace("],\"content\"", "]},\"content\"");
    send(FeishuDelivery.of(notAList).build()).then().statusCode(200);
    String contentNotAString =
        Events.envelope(
            Events.newEventId(),
            "im.message.receive_v1",
            TestKeys.VERIFICATION_TOKEN,
            (com.fasterxml.jackson.databind.node.ObjectNode)
                json(
                    "{\"sender\":{\"sender_type\":\"user\",\"sender_id\":{\"open_id\":\"ou_1\"}},"
                        + "\"message\":{\"message_id\":\"om_x\",\"message_type\":\"text\","
                        + "\"content\":{\"text\":\"/ping\"}}}"));
    send(FeishuDelivery.of(contentNotAString).build()).then().statusCode(200);
    assertThat(eventCount("malformed") - before).isEqualTo(malformed.size() + 2);
  }

  @Test
  void mentionsWithoutKeyOrId_areNotMalformed_andTheCommandRuns() {
    ArrayNode others = JSON.createArrayNode();
    others.addObject().put("name", "Somebody without a key");
    others.addObject().put("key", "@_user_3");
    Events.MessageEvent event = Events.message("/ping").mentions(others);
    deliver(event).then().statusCode(200);
    assertThat(replyText(onlyReplyTo(event.messageId()))).isEqualTo("pong");
  }
}
