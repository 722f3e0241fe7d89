package io.feishubot.testsupport;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;

/**
 * Posts to the bot's Alertmanager receiver as Alertmanager does, and reads the alert cards the bot
 * sent to the fake Open API.
 */
public final class AlertmanagerWebhook {

  public static final String PATH = "/alerts/alertmanager";

  private AlertmanagerWebhook() {}

  /** A chat of its own for one test, so that what it finds there is its own. */
  public static String newChat() {
    return "oc_" + UUID.randomUUID().toString().replace("-", "");
  }

  /** Posts {@code payload} with {@code Authorization: Bearer <token>} to {@code ?chat_id=chat}. */
  public static Response deliver(JsonNode payload, String token, String chatId) {
    var request = given().contentType("application/json").body(payload.toString());
    if (token != null) {
      request = request.header("Authorization", "Bearer " + token);
    }
    if (chatId != null) {
      request = request.queryParam("chat_id", chatId);
    }
    return request.post(PATH);
  }

  /** The card of a message the bot sent (its string-encoded {@code content}, parsed). */
  public static JsonNode cardOf(LoggedRequest sent) {
    JsonNode body = BotEndpoint.json(sent.getBodyAsString());
    return BotEndpoint.json(body.path("content").asText());
  }

  /** The id the fake Open API gave a sent message: {@code om_<its uuid>}. */
  public static String messageIdOf(LoggedRequest sent) {
    return "om_" + BotEndpoint.json(sent.getBodyAsString()).path("uuid").asText();
  }

  /**
   * The messages posted to {@code chatId}, one per uuid: a retried send (after an attempt timed
   * out, say) carries the same uuid, and Feishu posts it once.
   */
  public static List<LoggedRequest> postedTo(String chatId) {
    java.util.Map<String, LoggedRequest> byUuid = new java.util.LinkedHashMap<>();
    for (LoggedRequest sent : FakeFeishuOpenApi.sentTo(chatId)) {
      byUuid.putIfAbsent(BotEndpoint.uuidOf(sent), sent);
    }
    return List.copyOf(byUuid.values());
  }

  /**
   * The distinct updates (PATCH bodies) of {@code messageId}: a retried update sends the same body,
   * and shows the same card.
   */
  public static List<String> distinctUpdatesOf(String messageId) {
    return updatesOf(messageId).stream().map(LoggedRequest::getBodyAsString).distinct().toList();
  }

  /** Every card update (PATCH) of {@code messageId}. */
  public static List<LoggedRequest> updatesOf(String messageId) {
    return FakeFeishuOpenApi.server()
        .findAll(
            WireMock.patchRequestedFor(
                WireMock.urlPathEqualTo("/open-apis/im/v1/messages/" + messageId)));
  }
}
