package io.feishubot.ops;

import static io.feishubot.testsupport.AlertmanagerWebhook.cardOf;
import static io.feishubot.testsupport.AlertmanagerWebhook.postedTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.feishubot.testsupport.Alertmanager;
import io.feishubot.testsupport.AlertsConfig;
import io.feishubot.testsupport.BotEndpoint;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.FeishuDelivery;
import io.feishubot.testsupport.PeerProcess;
import io.feishubot.testsupport.Poll;
import io.feishubot.testsupport.Prometheus;
import io.feishubot.testsupport.RequiresMonitoringPeers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot reports on itself: a real Prometheus scrapes its {@code /q/metrics} with the shipped
 * alerting rules (a copy with second-long durations), a fault trips one of them — deliveries
 * rejected for a bad signature, as after an Encrypt Key rotation gone wrong — and the alert goes
 * through a real Alertmanager back into the bot, which posts it to the on-call chat.
 */
@QuarkusTest
@RequiresMonitoringPeers
// Prometheus scrapes a server that stays up; a Lambda function is not scraped. (Through the Lambda
// build's mock event server /q/metrics answers Prometheus 2.42's Accept header with 406.)
@DisabledIf(
    value = "io.feishubot.testsupport.LambdaBuild#active",
    disabledReason = "the Lambda build (-Plambda) is not scraped by Prometheus")
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = AlertsConfig.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = Alertmanager.class, restrictToAnnotatedClass = true)
class SelfAlertEndToEndTest {

  private static final Duration FIRES_AND_ARRIVES = Duration.ofSeconds(90);

  @Test
  void rejectedDeliveries_fireFeishuRejectionSpike_intoTheChat(@TempDir Path dir) throws Exception {
    String bot = "localhost:" + RestAssured.port;
    AtomicBoolean faulty = new AtomicBoolean(true);
    AtomicInteger rejected = new AtomicInteger();
    // The fault: every delivery signed with the wrong key, until the alert is in the chat.
    Thread fault =
        Thread.ofVirtual()
            .start(
                () -> {
                  while (faulty.get()) {
                    int status =
                        BotEndpoint.send(
                                FeishuDelivery.of(Events.message("/ping").json())
                                    .signature("0".repeat(64))
                                    .build())
                            .statusCode();
                    if (status == 401) {
                      rejected.incrementAndGet();
                    }
                    try {
                      Thread.sleep(100);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
    try (PeerProcess alertmanager =
            Alertmanager.start(RestAssured.baseURI + ":" + RestAssured.port);
        PeerProcess prometheus =
            Prometheus.start(
                bot, "127.0.0.1:" + alertmanager.port(), Prometheus.testCopyOfRules(dir))) {
      LoggedRequest posted;
      try {
        posted =
            Poll.until(
                "FeishuRejectionSpike in the chat (logs: target/monitoring/)",
                FIRES_AND_ARRIVES,
                () ->
                    postedTo(AlertsConfig.CHAT_ID).stream()
                        .filter(sent -> sent.getBodyAsString().contains("FeishuRejectionSpike"))
                        .findFirst());
      } catch (AssertionError notThere) {
        // Where it stopped: the scrape, the rule, or the way to Alertmanager.
        throw new AssertionError(
            notThere.getMessage()
                + "\nscrape targets: "
                + prometheus.get("/api/v1/targets")
                + "\nalerts: "
                + prometheus.get("/api/v1/alerts"),
            notThere);
      }
      JsonNode card = cardOf(posted);
      assertThat(card.at("/header/title/content").asText()).isEqualTo("FeishuRejectionSpike");
      assertThat(card.at("/header/template").asText()).isEqualTo("red");
      assertThat(card.toString())
          .contains("feishu-bot rejects deliveries (bad_signature)")
          .contains("reason=bad_signature")
          .contains("alerts.ack");
      assertThat(prometheus.get("/api/v1/alerts")).contains("FeishuRejectionSpike");
    } finally {
      faulty.set(false);
      fault.join();
    }
    assertThat(rejected.get()).isPositive();
  }
}
