package io.feishubot.http;

import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.feishubot.testsupport.AlertmanagerWebhook.deliver;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.feishubot.alerts.AlertFixtures;
import io.feishubot.testsupport.AlertsConfig;
import io.feishubot.testsupport.BotEndpoint;
import io.feishubot.testsupport.FakeCustomBot;
import io.feishubot.testsupport.LogCapture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A team without an app: no chat configured, only a group's custom bot. Alert cards go to its hook,
 * signed, without buttons that call back; its refusals become 5xx for Alertmanager; and the hook
 * URL, its secret and the alerts token never show in a log line, a metric or an answer.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeCustomBot.class, restrictToAnnotatedClass = true)
class AlertsCustomBotTest {

  @Test
  void withOnlyACustomBot_theCardGoesToItsHook_correctlySigned_andWithoutCallbacks() {
    String service = unique();
    deliver(AlertFixtures.firing(service), AlertsConfig.TOKEN, null).then().statusCode(200);

    List<LoggedRequest> posts = FakeCustomBot.postsContaining(service);
    assertThat(posts).hasSize(1);
    JsonNode body = BotEndpoint.json(posts.get(0).getBodyAsString());
    long timestamp = Long.parseLong(body.path("timestamp").asText());
    assertThat(Duration.between(Instant.ofEpochSecond(timestamp), Instant.now()).abs())
        .isLessThan(Duration.ofMinutes(5));
    assertThat(body.path("sign").asText())
        .isEqualTo(FakeCustomBot.expectedSign(body.path("timestamp").asText()));
    assertThat(body.path("msg_type").asText()).isEqualTo("interactive");
    JsonNode card = body.path("card");
    assertThat(card.at("/header/title/content").asText()).isEqualTo("HighErrorRate");
    assertThat(card.at("/header/template").asText()).isEqualTo("red");
    assertThat(card.toString()).doesNotContain("callback").contains("open_url");
  }

  @Test
  void resolved_postsAGreenCard_andADuplicatePostsNothing() {
    String service = unique();
    deliver(AlertFixtures.firing(service), AlertsConfig.TOKEN, null).then().statusCode(200);
    deliver(AlertFixtures.firing(service), AlertsConfig.TOKEN, null).then().statusCode(200);
    assertThat(FakeCustomBot.postsContaining(service)).hasSize(1);

    deliver(AlertFixtures.resolved(service), AlertsConfig.TOKEN, null).then().statusCode(200);
    List<LoggedRequest> posts = FakeCustomBot.postsContaining(service);
    assertThat(posts).hasSize(2);
    assertThat(
            BotEndpoint.json(posts.get(1).getBodyAsString()).at("/card/header/template").asText())
        .isEqualTo("green");
  }

  @Test
  void signatureRefused_19021_answers503_withoutRetrying() {
    String service = unique();
    StubMapping refused =
        FakeCustomBot.answerFor(
            service,
            FakeCustomBot.answer(
                19021, "sign match fail or timestamp is not within one hour from current time"));
    try {
      Response response = deliver(AlertFixtures.firing(service), AlertsConfig.TOKEN, null);
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.asString()).doesNotContain("sign match");
    } finally {
      FakeCustomBot.server().removeStub(refused);
    }
    assertThat(FakeCustomBot.postsContaining(service)).as("a configuration error").hasSize(1);
  }

  @Test
  void throttled_11232_isRetried_andPostedOnce() {
    String service = unique();
    String scenario = "throttled-" + service;
    FakeCustomBot.server()
        .stubFor(
            post(urlEqualTo(FakeCustomBot.HOOK_PATH))
                .withRequestBody(matching(".*" + service + ".*"))
                .atPriority(1)
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("throttled once")
                .willReturn(FakeCustomBot.answer(11232, "frequency limited")));
    deliver(AlertFixtures.firing(service), AlertsConfig.TOKEN, null).then().statusCode(200);
    assertThat(FakeCustomBot.postsContaining(service)).hasSize(2);
  }

  @Test
  void aBurstOfGroups_isHeldToTheBotsRate_andAllArePosted() throws Exception {
    List<String> services = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      services.add(unique());
    }
    double waitedBefore = rateLimitWaits();
    AtomicInteger next = new AtomicInteger();
    List<Integer> statuses =
        BotEndpoint.concurrently(
            services.size(),
            () ->
                deliver(
                    AlertFixtures.firing(services.get(next.getAndIncrement())),
                    AlertsConfig.TOKEN,
                    null));

    assertThat(statuses).containsOnly(200);
    for (String service : services) {
      assertThat(FakeCustomBot.postsContaining(service)).hasSize(1);
    }
    // Ten at once is more than 5 a second: most waited for their turn.
    assertThat(rateLimitWaits()).isGreaterThan(waitedBefore);
  }

  /** How often a post waited for the custom bot's rate, from /q/metrics. */
  private static double rateLimitWaits() {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return metrics
        .lines()
        .filter(line -> line.startsWith("feishu_outbound_ratelimit_waits_total{"))
        .filter(line -> line.contains("endpoint=\"custom_bot\""))
        .filter(line -> line.contains("outcome=\"waited\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  void secrets_neverInLogsMetricsOrAnswers() {
    List<String> secrets =
        List.of(
            FakeCustomBot.HOOK_TOKEN,
            FakeCustomBot.SECRET,
            AlertsConfig.TOKEN,
            FakeCustomBot.server().baseUrl() + FakeCustomBot.HOOK_PATH);
    List<String> answers = new ArrayList<>();
    try (LogCapture logs = LogCapture.start()) {
      String service = unique();
      answers.add(deliver(AlertFixtures.firing(service), AlertsConfig.TOKEN, null).asString());
      answers.add(deliver(AlertFixtures.firing(unique()), "wrong-token", null).asString());
      answers.add(deliver(AlertFixtures.firing(unique()), null, null).asString());
      answers.add(
          given()
              .header("Authorization", "Bearer " + AlertsConfig.TOKEN)
              .body("{\"not\":\"alerts\"}")
              .post("/alerts/alertmanager")
              .asString());
      // A refusal from the hook, whose msg might quote the request: logged, never with the URL.
      String refusedService = unique();
      StubMapping refused =
          FakeCustomBot.answerFor(
              refusedService,
              FakeCustomBot.answer(
                  19001,
                  "param invalid: incoming webhook access token invalid "
                      + FakeCustomBot.HOOK_TOKEN));
      try {
        answers.add(
            deliver(AlertFixtures.firing(refusedService), AlertsConfig.TOKEN, null).asString());
      } finally {
        FakeCustomBot.server().removeStub(refused);
      }
      assertThat(logs.lines())
          .as("the capture sees the outcomes")
          .anyMatch(line -> line.contains("posted"))
          .anyMatch(line -> line.contains("19001"))
          .anyMatch(line -> line.contains("bearer token"));
      for (String line : logs.lines()) {
        for (String secret : secrets) {
          assertThat(line).as("a log line").doesNotContain(secret);
        }
      }
    }
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics).contains("feishu_alerts_notifications_total");
    for (String secret : secrets) {
      assertThat(metrics).doesNotContain(secret);
      assertThat(answers).noneMatch(answer -> answer.contains(secret));
    }
  }

  private static String unique() {
    return "svc-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
