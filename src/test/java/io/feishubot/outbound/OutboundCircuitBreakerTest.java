package io.feishubot.outbound;

import static io.feishubot.testsupport.BotEndpoint.deliver;
import static io.feishubot.testsupport.BotEndpoint.repliesTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.feishubot.testsupport.BotEndpoint;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reply circuit breaker with its production window and threshold (only its delay is shorter),
 * driven through the real endpoint: it counts whole calls after their retries, opens within seconds
 * when every call fails, closes when the Open API recovers, and never counts a rate limit.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
@TestProfile(OutboundCircuitBreakerProfile.class)
class OutboundCircuitBreakerTest {

  /** How soon an outage must show as fail-fast 503s (issue 17). */
  private static final Duration OPENS_WITHIN = Duration.ofSeconds(10);

  /** Feishu pushes deliveries in parallel under load; a few at once, like a quiet afternoon. */
  private static final int IN_FLIGHT = 4;

  @Inject CircuitBreakerMaintenance breakers;
  private final List<StubMapping> faults = new ArrayList<>();

  @BeforeEach
  void closeCircuits() {
    breakers.resetAll();
  }

  @AfterEach
  void removeFaults() {
    faults.forEach(FakeFeishuOpenApi.server()::removeStub);
    faults.clear();
  }

  @Test
  void everyCallFailing_opensTheCircuitWithinSeconds_andItClosesWhenTheApiRecovers() {
    failEveryReplyWith(FakeFeishuOpenApi.error(500, 1, "internal error"));
    List<Events.MessageEvent> delivered = new ArrayList<>();

    // Rounds of deliveries until one is refused without a single attempt: the circuit is open.
    await()
        .atMost(OPENS_WITHIN)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(10))
        .until(
            () -> {
              List<Events.MessageEvent> round = new ArrayList<>();
              for (int i = 0; i < IN_FLIGHT; i++) {
                round.add(Events.message("/ping"));
              }
              delivered.addAll(round);
              AtomicInteger next = new AtomicInteger();
              assertThat(
                      BotEndpoint.concurrently(
                          IN_FLIGHT, () -> deliver(round.get(next.getAndIncrement()))))
                  .containsOnly(503);
              return round.stream().anyMatch(e -> repliesTo(e.messageId()).isEmpty());
            });
    assertThat(breakers.currentState(MessageCalls.CIRCUIT)).isEqualTo(CircuitBreakerState.OPEN);
    Events.MessageEvent whileOpen = Events.message("/ping");
    deliver(whileOpen).then().statusCode(503);
    assertThat(repliesTo(whileOpen.messageId())).isEmpty();

    // The Open API recovers; after its delay the circuit lets a trial call through and closes.
    removeFaults();
    await()
        .atMost(Duration.ofMillis(OutboundCircuitBreakerProfile.DELAY_MILLIS + 5000))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> deliver(whileOpen).statusCode() == 200);
    assertThat(breakers.currentState(MessageCalls.CIRCUIT)).isEqualTo(CircuitBreakerState.CLOSED);
    assertThat(repliesTo(whileOpen.messageId())).hasSize(1);
    // Feishu's redeliveries of the events that failed get their one reply each.
    for (Events.MessageEvent event : delivered) {
      int before = repliesTo(event.messageId()).size();
      deliver(event).then().statusCode(200);
      assertThat(repliesTo(event.messageId())).hasSize(before + 1);
    }
  }

  @Test
  void failedAttemptsThatTheRetriesAbsorb_neverOpenTheCircuit() {
    // Three of every four attempts fail, yet every call succeeds: ten calls' worth of attempts
    // would open a breaker that counted attempts (half of the last 10 failed) many times over.
    List<Events.MessageEvent> events = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Events.MessageEvent event = Events.message("/ping");
      FakeFeishuOpenApi.replyAnswers(
          event.messageId(),
          FakeFeishuOpenApi.error(500, 1, "internal error"),
          FakeFeishuOpenApi.error(502, -1, "bad gateway"),
          FakeFeishuOpenApi.error(503, -1, "unavailable"));
      events.add(event);
      deliver(event).then().statusCode(200);
    }

    assertThat(events)
        .allSatisfy(e -> assertThat(repliesTo(e.messageId())).hasSizeGreaterThanOrEqualTo(4));
    assertThat(breakers.currentState(MessageCalls.CIRCUIT)).isEqualTo(CircuitBreakerState.CLOSED);
  }

  @Test
  void rateLimitedCalls_neverOpenTheCircuit() {
    // A reset beyond the deadline: each call gives up after its first, rate-limited attempt.
    failEveryReplyWith(FakeFeishuOpenApi.rateLimited(30));
    List<Events.MessageEvent> events = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Events.MessageEvent event = Events.message("/ping");
      events.add(event);
      deliver(event).then().statusCode(503);
    }

    // Twelve failed calls would have opened it (10 calls, half failed); rate limits are not
    // failures.
    assertThat(events).allSatisfy(e -> assertThat(repliesTo(e.messageId())).hasSize(1));
    assertThat(breakers.currentState(MessageCalls.CIRCUIT)).isEqualTo(CircuitBreakerState.CLOSED);
    removeFaults();
    Response redelivery = deliver(events.get(0));
    redelivery.then().statusCode(200);
  }

  private void failEveryReplyWith(
      com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
    faults.add(
        FakeFeishuOpenApi.server()
            .stubFor(
                WireMock.post(WireMock.urlPathMatching(FakeFeishuOpenApi.REPLY_PATH_PATTERN))
                    .atPriority(1)
                    .willReturn(answer)));
  }
}
