package io.feishubot.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Plays the Feishu Open API on loopback, following its contract: the token endpoint checks the
 * app's credentials, message endpoints demand the issued bearer token and answer {@code code}
 * 99991663 otherwise, and every answer has Feishu's {@code code}/{@code msg} shape.
 */
public class FakeFeishuOpenApi implements QuarkusTestResourceLifecycleManager {

  public static final String TOKEN_PATH = "/open-apis/auth/v3/tenant_access_token/internal";
  public static final String REPLY_PATH_PATTERN = "/open-apis/im/v1/messages/[^/]+/reply";
  public static final String SEND_PATH = "/open-apis/im/v1/messages";
  public static final String UPDATE_PATH_PATTERN = "/open-apis/im/v1/messages/om_[^/]+";

  private static WireMockServer server;
  private static ChatRateLimit chatRateLimit;

  /** The running server, for stubbing faults and verifying requests. */
  public static WireMockServer server() {
    return server;
  }

  /** Feishu's per-chat send limit, which applies to the chats a test names. */
  public static ChatRateLimit chatRateLimit() {
    return chatRateLimit;
  }

  @Override
  public Map<String, String> start() {
    chatRateLimit = new ChatRateLimit();
    server =
        new WireMockServer(
            wireMockConfig().bindAddress("127.0.0.1").dynamicPort().extensions(chatRateLimit));
    server.start();
    stubContract(server);
    return Map.of(
        "feishu.api-base-url", server.baseUrl(),
        "feishu.app-id", TestKeys.APP_ID,
        "feishu.app-secret", TestKeys.APP_SECRET,
        "feishu.verification-token", TestKeys.VERIFICATION_TOKEN,
        "feishu.encrypt-key", TestKeys.ENCRYPT_KEY);
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }

  /** The default behaviour of the real API for valid and invalid credentials. */
  public static void stubContract(WireMockServer server) {
    server.stubFor(
        post(urlEqualTo(TOKEN_PATH))
            .atPriority(10)
            .willReturn(json(200, "{\"code\":10014,\"msg\":\"app secret invalid\"}")));
    server.stubFor(
        post(urlEqualTo(TOKEN_PATH))
            .atPriority(5)
            .withRequestBody(
                equalToJson(
                    "{\"app_id\":\""
                        + TestKeys.APP_ID
                        + "\",\"app_secret\":\""
                        + TestKeys.APP_SECRET
                        + "\"}"))
            .willReturn(
                json(
                    200,
                    "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\""
                        + TestKeys.TENANT_TOKEN
                        + "\",\"expire\":7200}")));
    server.stubFor(
        post(urlPathMatching(REPLY_PATH_PATTERN))
            .atPriority(10)
            .willReturn(
                json(
                    400,
                    "{\"code\":99991663,\"msg\":\"Invalid access token for authorization."
                        + " Please make a request with token attached.\"}")));
    server.stubFor(
        post(urlPathMatching(REPLY_PATH_PATTERN))
            .atPriority(5)
            .withHeader("Authorization", equalTo("Bearer " + TestKeys.TENANT_TOKEN))
            .willReturn(
                json(
                    200,
                    "{\"code\":0,\"msg\":\"success\",\"data\":{\"message_id\":\"om_dc13264520392913993dd051dba21dcf\",\"msg_type\":\"text\"}}")));
    // Sending to a chat: receive_id_type is required (Feishu answers 99992402, field validation
    // failed, without it), and the body names the receiver.
    server.stubFor(
        post(urlPathEqualTo(SEND_PATH))
            .atPriority(10)
            .willReturn(json(400, "{\"code\":99992402,\"msg\":\"field validation failed\"}")));
    server.stubFor(
        post(urlPathEqualTo(SEND_PATH))
            .atPriority(5)
            .withQueryParam("receive_id_type", equalTo("chat_id"))
            .withHeader("Authorization", equalTo("Bearer " + TestKeys.TENANT_TOKEN))
            .withRequestBody(matchingJsonPath("$.receive_id", matching("oc_.+")))
            // Each message its own id, from its uuid: a later PATCH names the message it updates.
            .willReturn(
                json(
                        200,
                        "{\"code\":0,\"msg\":\"success\",\"data\":{\"message_id\":\"om_{{jsonPath request.body '$.uuid'}}\",\"msg_type\":\"interactive\"}}")
                    .withTransformers("response-template")));
    // Updating a card: PATCH with the new content only.
    server.stubFor(
        patch(urlPathMatching(UPDATE_PATH_PATTERN))
            .atPriority(5)
            .withHeader("Authorization", equalTo("Bearer " + TestKeys.TENANT_TOKEN))
            .withRequestBody(matchingJsonPath("$.content"))
            .willReturn(json(200, "{\"code\":0,\"msg\":\"success\",\"data\":{}}")));
  }

  /** Every message sent to {@code chatId} (not as a reply). */
  public static java.util.List<com.github.tomakehurst.wiremock.verification.LoggedRequest> sentTo(
      String chatId) {
    return server.findAll(
        postRequestedFor(urlPathEqualTo(SEND_PATH))
            .withRequestBody(matchingJsonPath("$.receive_id", equalTo(chatId))));
  }

  /**
   * Answers the replies to {@code messageId} with {@code answers} in turn, then follows the
   * contract again. A WireMock scenario per message keeps tests independent of each other.
   */
  public static void replyAnswers(String messageId, ResponseDefinitionBuilder... answers) {
    String scenario = "reply-" + messageId;
    for (int i = 0; i < answers.length; i++) {
      server.stubFor(
          post(urlEqualTo(replyPath(messageId)))
              .atPriority(1)
              .inScenario(scenario)
              .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answer-" + i)
              .willSetStateTo("answer-" + (i + 1))
              .willReturn(answers[i]));
    }
  }

  /** Answers every reply to {@code messageId} with {@code answer} until the stub is removed. */
  public static StubMapping replyAlways(String messageId, ResponseDefinitionBuilder answer) {
    return server.stubFor(post(urlEqualTo(replyPath(messageId))).atPriority(1).willReturn(answer));
  }

  public static String replyPath(String messageId) {
    return "/open-apis/im/v1/messages/" + messageId + "/reply";
  }

  /** Feishu's answer to an error, such as HTTP 500 or HTTP 400 with a business code. */
  public static ResponseDefinitionBuilder error(int status, int code, String msg) {
    return json(status, "{\"code\":" + code + ",\"msg\":\"" + msg + "\"}");
  }

  /** Feishu's rate-limit answer (frequency-control doc): HTTP 429, code 99991400, reset header. */
  public static ResponseDefinitionBuilder rateLimited(int resetSeconds) {
    return error(429, 99991400, "request trigger frequency limit")
        .withHeader("x-ogw-ratelimit-limit", "50")
        .withHeader("x-ogw-ratelimit-reset", Integer.toString(resetSeconds));
  }

  /** A successful reply answer. */
  public static ResponseDefinitionBuilder replied() {
    return json(
        200,
        "{\"code\":0,\"msg\":\"success\",\"data\":{\"message_id\":\"om_dc13264520392913993dd051dba21dcf\",\"msg_type\":\"text\"}}");
  }

  public static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(body);
  }
}
