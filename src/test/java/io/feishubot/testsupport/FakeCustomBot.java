package io.feishubot.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/**
 * A group custom bot's hook on loopback ({@code /open-apis/bot/v2/hook/<token>}), answering as
 * Feishu does: HTTP 200 with {@code code} 0, or with an error code. Configures the bot with the
 * hook, its signing secret and the alerts token, and no chat: alerts go to the custom bot.
 */
public class FakeCustomBot implements QuarkusTestResourceLifecycleManager {

  /** The hook's token: a credential, never to be seen in a log, metric or answer. */
  public static final String HOOK_TOKEN = "2c4e6a8b-hook-token-0f1e2d3c4b5a";

  public static final String SECRET = "custom-bot-secret-9b8a7c";

  public static final String HOOK_PATH = "/open-apis/bot/v2/hook/" + HOOK_TOKEN;

  private static WireMockServer server;

  public static WireMockServer server() {
    return server;
  }

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    server.stubFor(post(urlEqualTo(HOOK_PATH)).atPriority(10).willReturn(answer(0, "success")));
    return Map.of(
        "feishu.webhook.url",
        server.baseUrl() + HOOK_PATH,
        "feishu.webhook.secret",
        SECRET,
        "feishu.alerts.token",
        AlertsConfig.TOKEN);
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }

  /**
   * The {@code sign} Feishu expects for {@code timestamp} with {@link #SECRET}, computed here as
   * its documentation's Python sample does ({@code hmac.new(string_to_sign.encode(),
   * digestmod=sha256)} over nothing), independently of the bot's own code.
   */
  public static String expectedSign(String timestamp) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      byte[] stringToSign =
          (timestamp + "\n" + SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      mac.init(new javax.crypto.spec.SecretKeySpec(stringToSign, "HmacSHA256"));
      return java.util.Base64.getEncoder().encodeToString(mac.doFinal());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every request the hook received whose body contains {@code text}. */
  public static List<LoggedRequest> postsContaining(String text) {
    return server.findAll(postRequestedFor(urlEqualTo(HOOK_PATH))).stream()
        .filter(request -> request.getBodyAsString().contains(text))
        .toList();
  }

  /** Answers the posts whose body contains {@code text} with {@code answer}, until removed. */
  public static StubMapping answerFor(String text, ResponseDefinitionBuilder answer) {
    return server.stubFor(
        post(urlEqualTo(HOOK_PATH))
            .withRequestBody(containing(text))
            .atPriority(1)
            .willReturn(answer));
  }

  /** Feishu's answer: HTTP 200 whatever the code, with the legacy fields beside it. */
  public static ResponseDefinitionBuilder answer(int code, String msg) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"code\":"
                + code
                + ",\"msg\":\""
                + msg
                + "\",\"data\":{},\"StatusCode\":"
                + code
                + ",\"StatusMessage\":\""
                + msg
                + "\"}");
  }
}
