package io.feishubot.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.feishubot.feishu.MessageReceived;
import io.feishubot.jobs.Job;
import io.feishubot.jobs.JobOutcome;
import io.feishubot.jobs.JobRunner;
import io.feishubot.router.CommandLine;
import io.feishubot.testsupport.BotEndpoint;
import io.feishubot.testsupport.Dynalite;
import io.feishubot.testsupport.DynaliteTestResource;
import io.feishubot.testsupport.DynamoDbCallingThreads;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.FeishuDelivery;
import io.feishubot.testsupport.InjectDynalite;
import io.feishubot.testsupport.JobRuns;
import io.feishubot.testsupport.Poll;
import io.feishubot.testsupport.RequiresDynalite;
import io.feishubot.testsupport.TestKeys;
import io.feishubot.webhook.JobExecution;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The endpoint with the DynamoDB store: exactly-once commands, and fail-closed on an outage. */
@QuarkusTest
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = DynaliteTestResource.class, restrictToAnnotatedClass = true)
@RequiresDynalite
class DynamoDbEndpointTest {

  @InjectDynalite Dynalite dynalite;

  @Inject MeterRegistry registry;
  @Inject IdempotencyStore store;
  @Inject JobRunner runner;

  /** The budget, counted by the store as the endpoint drives it. */
  @Test
  void spendsTwoStoreCallsOnANewEvent_andTwoOnItsRedeliveryOnDynalite() {
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
    // DynamoDB returns the holder with a failed claim, so a redelivery is that one call there;
    // dynalite returns nothing, so the bot reads whether the holder finished (a holder still
    // running is not acknowledged): the failed claim and a read.
    assertThat(afterDuplicate - afterNew).as("the failed claim and a read").isEqualTo(2.0);
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
        .hasSize(4) // claim, complete, the redelivery's failed claim and its read (dynalite)
        .allSatisfy(thread -> assertThat(thread).doesNotStartWith("vert.x-eventloop-thread-"));
  }

  /**
   * A deferred command on DynamoDB: a worker that died holding the job's lease blocks it until the
   * lease lapses (dynalite returns no item with a failed claim, so the runner reads the holder's
   * status), then the job runs once, and a rerun finds it done.
   */
  @Test
  void aDeferredJob_heldByADeadWorker_runsOnceAfterTheLeaseLapses() {
    Events.MessageEvent event = Events.message("/test-quick-job on-dynamodb");
    BotEndpoint.deliver(event).then().statusCode(200);
    BotEndpoint.deliver(event).then().statusCode(200);
    Poll.until(
        "the job's reply",
        Duration.ofSeconds(20),
        () -> BotEndpoint.repliesTo(event.messageId()).stream().findFirst());
    assertThat(JobRuns.started(event.eventId())).isEqualTo(1);

    Job job =
        new Job(
            TestKeys.APP_ID,
            Events.newEventId(),
            new CommandLine("test-quick-job", List.of("again"), "again"),
            new MessageReceived.Message(
                "om_" + Events.newEventId(),
                null,
                null,
                null,
                "oc_" + Events.newEventId(),
                "group",
                "text",
                "{}",
                List.of()),
            null,
            Instant.now());
    Instant now = Instant.now();
    assertThat(store.claim(JobExecution.keyOf(job), now, now.plusSeconds(2)))
        .isInstanceOf(ClaimResult.Claimed.class);
    assertThat(runner.run(job)).isEqualTo(new JobOutcome.NotRun("held by another worker"));
    JobOutcome retried =
        Poll.until(
            "the dead worker's lease to lapse",
            Duration.ofSeconds(15),
            () ->
                Optional.of(runner.run(job))
                    .filter(outcome -> !(outcome instanceof JobOutcome.NotRun)));
    assertThat(retried).isEqualTo(new JobOutcome.Finished());
    assertThat(runner.run(job)).isEqualTo(new JobOutcome.AlreadyDone());
    assertThat(JobRuns.started(job.eventId())).isEqualTo(1);
    assertThat(BotEndpoint.repliesTo(job.message().messageId())).hasSize(1);
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
