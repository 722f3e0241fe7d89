package io.feishubot.outbound;

import static io.feishubot.testsupport.BotEndpoint.deliver;
import static io.feishubot.testsupport.BotEndpoint.repliesTo;
import static io.feishubot.testsupport.FakeFeishuOpenApi.error;
import static io.feishubot.testsupport.FakeFeishuOpenApi.replyAnswers;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.feishubot.testsupport.BotEndpoint;
import io.feishubot.testsupport.ChatRateLimit;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * When the bot sheds load, with the production fault-tolerance settings: a burst against a healthy
 * Open API is answered in full, random per-attempt errors are left to the retries instead of the
 * circuit breaker, and a burst into one chat waits for the chat's turns instead of collecting 429s.
 * Every 503 here is followed by a redelivery, as Feishu would send one.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
class LoadSheddingTest {

  @Inject CircuitBreakerMaintenance breakers;
  private final List<CircuitBreakerState> transitions = new CopyOnWriteArrayList<>();

  @BeforeEach
  void closeCircuitsAndWatchThem() {
    breakers.resetAll();
    transitions.clear();
    breakers.onStateChange(MessageCalls.CIRCUIT, transitions::add);
  }

  @ParameterizedTest(name = "{0} commands at once")
  @ValueSource(ints = {32, 64})
  void burstAgainstAHealthyApi_waitsForCallSlots_insteadOfBeingRefused(int senders)
      throws Exception {
    List<Events.MessageEvent> events = new ArrayList<>();
    for (int i = 0; i < senders; i++) {
      events.add(Events.message("/ping"));
    }
    double refusedBefore = refusalsForWantOfASlot();

    List<Integer> statuses = BotEndpoint.deliverAtOnce(events);

    // Calls wait for a slot instead of being refused (MicroProfile's bulkhead of 16 with a queue of
    // one refused dozens). A wait still ends when no full attempt would fit before the deadline,
    // and whether every delivery makes its 2.5 s also depends on the CPU this test gets on a
    // machine shared with other builds: a straggler is tolerated here, and the soak measures the
    // real thing on a bot of its own (BENCHMARKS.md). A delivery that missed its deadline is
    // redelivered, as Feishu would, and gets its reply.
    assertThat(refusalsForWantOfASlot() - refusedBefore).isLessThanOrEqualTo(senders / 32);
    for (int i = 0; i < events.size(); i++) {
      if (statuses.get(i) != 200) {
        deliver(events.get(i)).then().statusCode(200);
      }
    }
    events.forEach(e -> BotEndpoint.assertOneReply(e.messageId()));
  }

  @Test
  void randomServerErrorsOnOneAttemptInFive_areRetried_andNeverOpenTheCircuit() throws Exception {
    // Each attempt fails with probability 0.2 (seeded): an event gets that many 500s in a row.
    Random random = new Random(17);
    Map<Events.MessageEvent, Integer> failures = new LinkedHashMap<>();
    for (int i = 0; i < 160; i++) {
      Events.MessageEvent event = Events.message("/ping");
      int failed = 0;
      while (random.nextDouble() < 0.2) {
        failed++;
      }
      if (failed > 0) {
        ResponseDefinitionBuilder[] answers = new ResponseDefinitionBuilder[failed];
        Arrays.fill(answers, error(500, 1, "internal error"));
        replyAnswers(event.messageId(), answers);
      }
      failures.put(event, failed);
    }
    List<Events.MessageEvent> events = new ArrayList<>(failures.keySet());

    int deliveries = 0;
    int refused = 0;
    for (int from = 0; from < events.size(); from += 32) {
      List<Events.MessageEvent> round = events.subList(from, from + 32);
      List<Integer> statuses = BotEndpoint.deliverAtOnce(round);
      deliveries += round.size();
      for (int i = 0; i < round.size(); i++) {
        if (statuses.get(i) != 200) {
          refused++;
          deliveries++;
          // Feishu's redelivery: the second delivery gets the reply.
          deliver(round.get(i)).then().statusCode(200);
        }
      }
    }

    assertThat(transitions).doesNotContain(CircuitBreakerState.OPEN);
    // The target is at most 2 % answered non-2xx (the soak measures it: BENCHMARKS.md);
    // here only a bound loose enough for a machine shared with other builds.
    assertThat(refused).isLessThanOrEqualTo(deliveries / 10);
    // Every failed attempt was retried until one succeeded: no reply lost, none doubled.
    for (Events.MessageEvent event : events) {
      assertThat(repliesTo(event.messageId())).hasSizeGreaterThan(failures.get(event));
      BotEndpoint.assertOneReply(event.messageId());
    }
  }

  /**
   * Calls refused for want of a slot since the app started: by {@link DeadlineBulkhead}, or by any
   * MicroProfile bulkhead.
   */
  private static double refusalsForWantOfASlot() {
    String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
    double refused = 0;
    for (String line : scrape.split("\n")) {
      boolean slotGaveUp =
          line.startsWith("feishu_outbound_slot_waits_total")
              && line.contains("limit=\"calls\"")
              && line.contains("outcome=\"gave_up\"");
      boolean bulkheadRejected =
          line.startsWith("ft_bulkhead_calls_total") && line.contains("=\"rejected\"");
      if (slotGaveUp || bulkheadRejected) {
        refused += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return refused;
  }

  @Test
  void burstIntoOneChat_waitsForTheChatsTurns_andOtherChatsKeepTheirCircuit() throws Exception {
    String busyChat = "oc_busy" + System.nanoTime();
    List<Events.MessageEvent> burst = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      burst.add(Events.message("/ping").chatId(busyChat));
    }
    ChatRateLimit limit = FakeFeishuOpenApi.chatRateLimit();
    int limitedBefore = limit.rateLimitedAnswers();
    limit.limit(busyChat, 5, burst.stream().map(Events.MessageEvent::messageId).toList());

    List<Events.MessageEvent> pending = burst;
    for (int delivery = 1; delivery <= 5 && !pending.isEmpty(); delivery++) {
      List<Integer> statuses = BotEndpoint.deliverAtOnce(pending);
      List<Events.MessageEvent> refused = new ArrayList<>();
      for (int i = 0; i < pending.size(); i++) {
        if (statuses.get(i) != 200) {
          refused.add(pending.get(i));
        }
      }
      if (delivery == 1) {
        // While the burst is queued, another chat's reply goes out at once.
        deliver(Events.message("/ping")).then().statusCode(200);
      }
      pending = refused;
    }

    assertThat(pending).as("events still without a reply after 5 deliveries").isEmpty();
    for (Events.MessageEvent event : burst) {
      assertThat(limit.accepted(event.messageId())).isPositive();
      BotEndpoint.assertOneReply(event.messageId());
    }
    assertThat(limit.rateLimitedAnswers() - limitedBefore).isLessThanOrEqualTo(2);
    assertThat(transitions).doesNotContain(CircuitBreakerState.OPEN);
    assertThat(breakers.currentState(MessageCalls.CIRCUIT)).isEqualTo(CircuitBreakerState.CLOSED);
  }
}
