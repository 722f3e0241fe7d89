package io.feishubot.idempotency;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.feishubot.testsupport.BotEndpoint;
import io.feishubot.testsupport.Dynalite;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.FeishuDelivery;
import io.feishubot.testsupport.PackagedBot;
import io.feishubot.testsupport.RequiresDynalite;
import io.feishubot.testsupport.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two packaged instances share one DynamoDB table, as two Lambda or Knative instances would: a
 * storm of identical deliveries split between them runs the command once, and a store outage turns
 * answers into 503s without running anything.
 */
@RequiresDynalite
class TwoInstancesIT {

  private static Dynalite dynalite;
  private static PackagedBot first;
  private static PackagedBot second;

  @BeforeAll
  static void start() throws Exception {
    Path data = Files.createTempDirectory("dynalite-it-");
    dynalite = Dynalite.persistent(data).start();
    FakeFeishuOpenApi api = new FakeFeishuOpenApi();
    Map<String, String> apiSettings = api.start();
    Map<String, String> env =
        Map.ofEntries(
            Map.entry("FEISHU_APP_ID", TestKeys.APP_ID),
            Map.entry("FEISHU_APP_SECRET", TestKeys.APP_SECRET),
            Map.entry("FEISHU_VERIFICATION_TOKEN", TestKeys.VERIFICATION_TOKEN),
            Map.entry("FEISHU_ENCRYPT_KEY", TestKeys.ENCRYPT_KEY),
            Map.entry("FEISHU_API_BASE_URL", apiSettings.get("feishu.api-base-url")),
            Map.entry("FEISHU_IDEMPOTENCY_STORE", "dynamodb"),
            Map.entry("FEISHU_IDEMPOTENCY_CREATE_TABLE", "true"),
            Map.entry("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynalite.endpoint()),
            Map.entry("QUARKUS_DYNAMODB_AWS_REGION", "us-east-1"),
            Map.entry("QUARKUS_DYNAMODB_AWS_CREDENTIALS_TYPE", "static"),
            Map.entry("QUARKUS_DYNAMODB_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID", "it-key"),
            Map.entry(
                "QUARKUS_DYNAMODB_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY", "it-secret"));
    first = PackagedBot.start(env);
    second = PackagedBot.start(env);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable closeable : new AutoCloseable[] {first, second, dynalite}) {
      if (closeable != null) {
        closeable.close();
      }
    }
    WireMockServer server = FakeFeishuOpenApi.server();
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void stormSplitAcrossInstances_runsTheCommandOnce() throws Exception {
    Events.MessageEvent event = Events.message("/ping");
    AtomicInteger turn = new AtomicInteger();
    List<Integer> statuses =
        BotEndpoint.concurrently(
            30,
            () -> {
              PackagedBot target = turn.getAndIncrement() % 2 == 0 ? first : second;
              return redeliver(event, target);
            });
    // On an overloaded machine a claim can time out: that delivery answers 503 (never runs the
    // command) and Feishu redelivers it. Anything else than 200 or 503 is a bug.
    assertThat(statuses).containsAnyOf(200, 503).allMatch(s -> s == 200 || s == 503);
    BotEndpoint.redeliverUntilReplied(
        () -> redeliver(event, first), event.messageId(), Duration.ofSeconds(15));
    redeliver(event, second).then().statusCode(200);
    assertThat(BotEndpoint.repliesTo(event.messageId())).hasSize(1);
  }

  private static io.restassured.response.Response redeliver(
      Events.MessageEvent event, PackagedBot bot) {
    FeishuDelivery delivery = FeishuDelivery.of(event.json()).build();
    return given()
        .baseUri(bot.baseUrl())
        .contentType("application/json")
        .headers(delivery.headers())
        .body(delivery.body())
        .post(BotEndpoint.EVENTS);
  }

  @Test
  void storeOutage_turnsAnswersInto503s_thenTheRedeliveryRunsOnce() throws Exception {
    Events.MessageEvent event = Events.message("/ping");
    dynalite.stop();
    try {
      for (PackagedBot bot : List.of(first, second)) {
        redeliver(event, bot).then().statusCode(503);
      }
      assertThat(BotEndpoint.repliesTo(event.messageId())).isEmpty();
    } finally {
      dynalite.start();
    }
    for (PackagedBot bot : List.of(second, first)) {
      redeliver(event, bot).then().statusCode(200);
    }
    assertThat(BotEndpoint.repliesTo(event.messageId())).hasSize(1);
  }
}
