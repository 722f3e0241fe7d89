package io.feishubot.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
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

  private static WireMockServer server;

  /** The running server, for stubbing faults and verifying requests. */
  public static WireMockServer server() {
    return server;
  }

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
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
  }

  public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(body);
  }
}
