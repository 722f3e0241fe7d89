package io.feishubot.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.feishubot.alerts.AlertFixtures;
import io.feishubot.testsupport.AlertsConfig;
import io.feishubot.testsupport.BotEndpoint;
import io.feishubot.testsupport.FakeCustomBot;
import io.feishubot.testsupport.PackagedBot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A team without an app: the packaged jar in the prod profile, given only a custom bot's hook, its
 * secret and the alerts token, starts, is ready, and posts a correctly signed card to the hook.
 */
class AlertsOnlyIT {

  private static final FakeCustomBot HOOK = new FakeCustomBot();
  private static Map<String, String> hookConfig;

  @BeforeAll
  static void startHook() {
    hookConfig = HOOK.start();
  }

  @AfterAll
  static void stopHook() {
    HOOK.stop();
  }

  @Test
  void startsWithoutAnApp_andPostsSignedCardsToTheCustomBot() throws Exception {
    Map<String, String> env =
        Map.of(
            "FEISHU_WEBHOOK_URL", hookConfig.get("feishu.webhook.url"),
            "FEISHU_WEBHOOK_SECRET", hookConfig.get("feishu.webhook.secret"),
            "FEISHU_ALERTS_TOKEN", AlertsConfig.TOKEN);
    try (PackagedBot bot = PackagedBot.start(env)) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(bot.baseUrl() + "/alerts/alertmanager"))
                      .header("Authorization", "Bearer " + AlertsConfig.TOKEN)
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofByteArray(
                              AlertFixtures.bytes(AlertFixtures.firing("alerts-only"))))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(bot.log()).isEqualTo(200);

      List<LoggedRequest> posts = FakeCustomBot.postsContaining("alerts-only");
      assertThat(posts).hasSize(1);
      JsonNode body = BotEndpoint.json(posts.get(0).getBodyAsString());
      assertThat(body.path("sign").asText())
          .isEqualTo(FakeCustomBot.expectedSign(body.path("timestamp").asText()));
      assertThat(body.at("/card/header/title/content").asText()).isEqualTo("HighErrorRate");
      assertThat(bot.log()).contains("alerts only").doesNotContain(FakeCustomBot.HOOK_TOKEN);
    }
  }
}
