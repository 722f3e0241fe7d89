package io.feishubot.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.feishubot.testsupport.BotEndpoint;
import io.feishubot.testsupport.Dynalite;
import io.feishubot.testsupport.DynaliteTestResource;
import io.feishubot.testsupport.DynamoDbCallingThreads;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.FeishuDelivery;
import io.feishubot.testsupport.InjectDynalite;
import io.feishubot.testsupport.RequiresDynalite;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The endpoint with the DynamoDB store: exactly-once commands, and fail-closed on an outage. */
@QuarkusTest
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = DynaliteTestResource.class, restrictToAnnotatedClass = true)
@RequiresDynalite
class DynamoDbEndpointTest {

  @InjectDynalite Dynalite dynalite;

  @Inject MeterRegistry registry;

  /** The budget, counted by the store as the endpoint drives it. */
  @Test
  void spendsTwoStoreCallsOnNewEvent_andOneOnItsRedelivery() {
    Events.MessageEvent event = Events.message("/ping");
    double before = storeCalls();
    BotEndpoint.deliver(event).then().statusCode(200);
    double afterNew = storeCalls();
    BotEndpoint.deliver(event).then().statusCode(200);
    double afterDuplicate = storeCalls();

    System.out.printf(
        "[calls] endpoint on dynalite: new event %.0f, redelivery %.0f DynamoDB calls%n",
        afterNew - before, afterDuplicate - afterNew);
    assertThat(afterNew - before).as("claim + complete").isEqualTo(2.0);
    assertThat(afterDuplicate - afterNew).as("the failed claim alone").isEqualTo(1.0);
    assertThat(BotEndpoint.repliesTo(event.messageId())).hasSize(1);
  }

  @Test
  void storeCallsNeverRunOnAnEventLoop() {
    int before = DynamoDbCallingThreads.threads().size();
    Events.MessageEvent event = Events.message("/ping");
    BotEndpoint.deliver(event).then().statusCode(200);
    BotEndpoint.deliver(event).then().statusCode(200);

    List<String> threads = DynamoDbCallingThreads.threads();
    assertThat(threads.subList(before, threads.size()))
        .hasSize(3) // claim, complete, the redelivery's failed claim
        .allSatisfy(thread -> assertThat(thread).doesNotStartWith("vert.x-eventloop-thread-"));
  }

  private double storeCalls() {
    return registry.find("feishu.idempotency.calls").counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  @Test
  void duplicateStorm_repliesOnce() throws Exception {
    Events.MessageEvent event = Events.message("/ping");
    List<Integer> statuses =
        BotEndpoint.concurrently(
            20, () -> BotEndpoint.send(FeishuDelivery.of(event.json()).build()));
    // A claim that times out on an overloaded machine answers 503 without running the command,
    // and Feishu redelivers; any other status is a bug.
    assertThat(statuses).allMatch(status -> status == 200 || status == 503);
    BotEndpoint.redeliverUntilReplied(
        () -> BotEndpoint.deliver(event), event.messageId(), Duration.ofSeconds(15));
    BotEndpoint.deliver(event).then().statusCode(200);
    assertThat(BotEndpoint.repliesTo(event.messageId())).hasSize(1);
  }

  @Test
  void storeOutage_answers503WithoutRunningTheCommand_andTheRedeliveryRunsOnce() {
    Events.MessageEvent event = Events.message("/ping");
    dynalite.stop();
    try {
      BotEndpoint.send(FeishuDelivery.of(event.json()).build()).then().statusCode(503);
      assertThat(BotEndpoint.repliesTo(event.messageId())).isEmpty();
    } finally {
      dynalite.start();
    }
    BotEndpoint.send(FeishuDelivery.of(event.json()).build()).then().statusCode(200);
    BotEndpoint.send(FeishuDelivery.of(event.json()).build()).then().statusCode(200);
    assertThat(BotEndpoint.repliesTo(event.messageId())).hasSize(1);
  }
}
