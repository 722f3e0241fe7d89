package io.feishubot.outbound;

import static io.feishubot.testsupport.BotEndpoint.deliver;
import static io.feishubot.testsupport.BotEndpoint.repliesTo;
import static io.feishubot.testsupport.BotEndpoint.tokenFetches;
import static io.feishubot.testsupport.BotEndpoint.uuidOf;
import static io.feishubot.testsupport.FakeFeishuOpenApi.error;
import static io.feishubot.testsupport.FakeFeishuOpenApi.rateLimited;
import static io.feishubot.testsupport.FakeFeishuOpenApi.replied;
import static io.feishubot.testsupport.FakeFeishuOpenApi.replyAlways;
import static io.feishubot.testsupport.FakeFeishuOpenApi.replyAnswers;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.TestKeys;
import io.feishubot.webhook.ReplyIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbound policy end to end: signed, encrypted deliveries in, faults injected by the fake Open
 * API, and what reached Feishu read back from its request journal.
 */
@QuarkusTest
@QuarkusTestResource(FakeFeishuOpenApi.class)
@TestProfile(OutboundFaultProfile.class)
class OutboundResilienceTest {

  /** Feishu stops waiting after 3 s. */
  private static final Duration FEISHU_ACK_LIMIT = Duration.ofSeconds(3);

  @Inject CircuitBreakerMaintenance breakers;
  @Inject TenantAccessTokens tokens;

  @BeforeEach
  void closeCircuits() {
    breakers.resetAll();
  }

  @Test
  void serverErrors_areRetried_andTheReplyArrivesOnce() {
    Events.MessageEvent event = Events.message("/ping");
    replyAnswers(event.messageId(), error(500, 1, "internal error"), error(502, -1, "bad gateway"));

    deliver(event).then().statusCode(200);

    List<LoggedRequest> attempts = repliesTo(event.messageId());
    assertThat(attempts).hasSize(3);
    // The same uuid on every attempt: Feishu posts it at most once, whichever attempts got through.
    assertThat(attempts.stream().map(r -> uuidOf(r)).distinct())
        .containsExactly(ReplyIds.forEvent(TestKeys.APP_ID, event.eventId()));
    assertThat(metrics())
        .contains("feishu_outbound_calls_total{endpoint=\"reply\",result=\"transient\"")
        .contains("feishu_outbound_calls_total{endpoint=\"reply\",result=\"success\"")
        .contains("ft_retry_retries_total")
        .contains("ft_circuitbreaker_state_total");
  }

  @Test
  void slowAnswer_beyondTheTimeout_isAbandonedAndRetried() {
    Events.MessageEvent event = Events.message("/ping");
    // Slower than the 300 ms attempt timeout, quicker than the client's socket timeout.
    replyAnswers(event.messageId(), replied().withFixedDelay(1500));

    deliver(event).then().statusCode(200);

    assertThat(repliesTo(event.messageId())).hasSize(2);
  }

  @Test
  void slowEndpoint_givesUpWithinTheAckDeadline_andTheRedeliverySucceeds() {
    Events.MessageEvent event = Events.message("/ping");
    StubMapping slow = replyAlways(event.messageId(), replied().withFixedDelay(1000));

    long started = System.nanoTime();
    deliver(event).then().statusCode(503);
    Duration answeredAfter = Duration.ofNanos(System.nanoTime() - started);

    // Eleven 300 ms attempts would take 3.3 s; the deadline stops them in time for Feishu.
    assertThat(answeredAfter).isLessThan(FEISHU_ACK_LIMIT);
    int attempts = repliesTo(event.messageId()).size();
    assertThat(attempts).isBetween(2, 9);

    FakeFeishuOpenApi.server().removeStub(slow);
    deliver(event).then().statusCode(200);
    assertThat(repliesTo(event.messageId())).hasSize(attempts + 1);
  }

  @Test
  void rateLimit_waitsForTheResetBeforeRetrying() {
    Events.MessageEvent event = Events.message("/ping");
    replyAnswers(event.messageId(), rateLimited(1));

    deliver(event).then().statusCode(200);

    List<LoggedRequest> attempts = repliesTo(event.messageId());
    assertThat(attempts).hasSize(2);
    long gapMillis =
        attempts.get(1).getLoggedDate().getTime() - attempts.get(0).getLoggedDate().getTime();
    assertThat(gapMillis).isGreaterThanOrEqualTo(1000);
    assertThat(metrics())
        .contains("feishu_outbound_ratelimit_waits_total{endpoint=\"reply\",outcome=\"waited\"");
  }

  @Test
  void rateLimitResetBeyondTheDeadline_givesUpAtOnce_andTheRedeliverySucceeds() {
    Events.MessageEvent event = Events.message("/ping");
    replyAnswers(event.messageId(), rateLimited(30));

    long started = System.nanoTime();
    deliver(event).then().statusCode(503);
    Duration answeredAfter = Duration.ofNanos(System.nanoTime() - started);

    assertThat(repliesTo(event.messageId())).hasSize(1);
    assertThat(answeredAfter).isLessThan(Duration.ofSeconds(2));
    deliver(event).then().statusCode(200);
    assertThat(repliesTo(event.messageId())).hasSize(2);
  }

  @Test
  void rejectedToken_isRefetchedOnce_andTheReplyArrivesOnce() {
    Events.MessageEvent warmUp = Events.message("/ping");
    deliver(warmUp).then().statusCode(200);
    Events.MessageEvent event = Events.message("/ping");
    replyAnswers(
        event.messageId(), error(400, 99991663, "Invalid access token for authorization."));
    int fetchesBefore = tokenFetches();

    deliver(event).then().statusCode(200);

    assertThat(tokenFetches()).isEqualTo(fetchesBefore + 1);
    assertThat(repliesTo(event.messageId())).hasSize(2);
  }

  @Test
  void concurrentRepliesWithARejectedToken_shareOneRefetch() throws Exception {
    Events.MessageEvent warmUp = Events.message("/ping");
    deliver(warmUp).then().statusCode(200);
    // Feishu rotates the token: the cached one is now refused, and a fetch yields a new one.
    String rotated = "t-rotated0000000000000000000000000000000";
    var server = FakeFeishuOpenApi.server();
    List<StubMapping> rotation =
        List.of(
            server.stubFor(
                WireMock.post(WireMock.urlEqualTo(FakeFeishuOpenApi.TOKEN_PATH))
                    .atPriority(1)
                    .willReturn(
                        FakeFeishuOpenApi.json(
                            200,
                            "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\""
                                + rotated
                                + "\",\"expire\":7200}"))),
            server.stubFor(
                WireMock.post(WireMock.urlPathMatching(FakeFeishuOpenApi.REPLY_PATH_PATTERN))
                    .atPriority(1)
                    .withHeader(
                        "Authorization", WireMock.equalTo("Bearer " + TestKeys.TENANT_TOKEN))
                    .willReturn(error(400, 99991663, "Invalid access token for authorization."))),
            server.stubFor(
                WireMock.post(WireMock.urlPathMatching(FakeFeishuOpenApi.REPLY_PATH_PATTERN))
                    .atPriority(1)
                    .withHeader("Authorization", WireMock.equalTo("Bearer " + rotated))
                    .willReturn(replied())));
    int fetchesBefore = tokenFetches();
    try {
      List<Events.MessageEvent> events = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        events.add(Events.message("/ping"));
      }
      assertThat(concurrently(events)).containsOnly(200);
      assertThat(tokenFetches()).isEqualTo(fetchesBefore + 1);
      for (Events.MessageEvent event : events) {
        assertThat(repliesTo(event.messageId()))
            .extracting(r -> r.getHeader("Authorization"))
            .endsWith("Bearer " + rotated);
      }
    } finally {
      rotation.forEach(server::removeStub);
      // Back to the contract's token for the tests that follow.
      tokens.invalidate(rotated);
    }
  }

  @Test
  void permanentError_isSentOnce_andTheEventStaysRetryable() {
    Events.MessageEvent event = Events.message("/ping");
    // 230002: the bot is not in the chat. An operator may add it before Feishu's last redelivery.
    replyAnswers(event.messageId(), error(400, 230002, "Bot/User can NOT be out of the chat."));

    deliver(event).then().statusCode(503);
    assertThat(repliesTo(event.messageId())).hasSize(1);

    deliver(event).then().statusCode(200);
    assertThat(repliesTo(event.messageId())).hasSize(2);
  }

  @Test
  void businessErrorInAnHttp200Answer_isAFailure_andNotRetried() {
    Events.MessageEvent event = Events.message("/ping");
    replyAnswers(event.messageId(), error(200, 230001, "invalid message content"));

    deliver(event).then().statusCode(503);

    assertThat(repliesTo(event.messageId())).hasSize(1);
  }

  private static String metrics() {
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  private static List<Integer> concurrently(List<Events.MessageEvent> events) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(events.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> futures = new ArrayList<>();
      for (Events.MessageEvent event : events) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return deliver(event).statusCode();
                }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> future : futures) {
        statuses.add(future.get());
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }
}
