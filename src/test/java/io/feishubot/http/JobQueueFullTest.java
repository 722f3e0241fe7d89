package io.feishubot.http;

import static io.feishubot.testsupport.BotEndpoint.deliver;
import static io.feishubot.testsupport.BotEndpoint.repliesTo;
import static io.feishubot.testsupport.BotEndpoint.replyText;
import static org.assertj.core.api.Assertions.assertThat;

import io.feishubot.idempotency.ClaimStatus;
import io.feishubot.idempotency.IdempotencyKey;
import io.feishubot.idempotency.IdempotencyStore;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.GatedJobCommand;
import io.feishubot.testsupport.JobRuns;
import io.feishubot.testsupport.Poll;
import io.feishubot.testsupport.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One job thread, no queue and a short lease: a running job keeps its lease past several lease
 * periods; a second job is refused, answered 503, and a redelivery runs it.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
@TestProfile(JobQueueFullTest.OneJobAtATime.class)
class JobQueueFullTest {

  private static final Duration BOUND = Duration.ofSeconds(20);
  private static final Duration LEASE = Duration.ofMillis(600);

  @Inject IdempotencyStore store;

  public static class OneJobAtATime implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "feishu.jobs.concurrency", "1",
          "feishu.jobs.queue", "0",
          "feishu.jobs.lease", LEASE.toMillis() + "ms");
    }
  }

  @AfterEach
  void openTheGate() {
    GatedJobCommand.open();
  }

  @Test
  void aRunningJob_renewsItsLease_pastManyLeasePeriods() {
    GatedJobCommand.close();
    Events.MessageEvent event = Events.message("/test-gated-job");
    assertThat(deliver(event).statusCode()).isEqualTo(200);
    Poll.until(
        "the job to start",
        BOUND,
        () -> Optional.of(1).filter(x -> JobRuns.started(event.eventId()) == 1));
    IdempotencyKey jobKey = new IdempotencyKey(TestKeys.APP_ID, "job:" + event.eventId());
    Instant started = Instant.now();

    Instant threeLeasesLater = started.plus(LEASE.multipliedBy(3));
    Poll.until(
        "three lease periods to pass",
        BOUND,
        () -> Optional.of(1).filter(x -> Instant.now().isAfter(threeLeasesLater)));
    assertThat(store.find(jobKey, Instant.now()))
        .as("held while it runs")
        .contains(new ClaimStatus.InProgress());

    GatedJobCommand.open();
    Poll.until(
        "the job to be done",
        BOUND,
        () ->
            store
                .find(jobKey, Instant.now())
                .filter(status -> status instanceof ClaimStatus.Completed));
    assertThat(repliesTo(event.messageId())).hasSize(1);
  }

  @Test
  void aJobThatFindsNoRoom_isAnswered503_andARedeliveryRunsIt() {
    GatedJobCommand.close();
    Events.MessageEvent holder = Events.message("/test-gated-job");
    assertThat(deliver(holder).statusCode()).isEqualTo(200);
    Poll.until(
        "the first job to hold the only thread",
        BOUND,
        () -> Optional.of(1).filter(x -> JobRuns.started(holder.eventId()) == 1));

    Events.MessageEvent refused = Events.message("/test-quick-job x");
    assertThat(deliver(refused).statusCode()).isEqualTo(503);
    assertThat(JobRuns.started(refused.eventId())).isZero();

    GatedJobCommand.open();
    Poll.until(
        "the first job to finish",
        BOUND,
        () -> Optional.of(1).filter(x -> repliesTo(holder.messageId()).size() == 1));
    // The thread is free once the job's runner returns, a moment after its reply.
    int status =
        Poll.until(
            "a redelivery to be accepted",
            BOUND,
            () -> Optional.of(deliver(refused).statusCode()).filter(code -> code == 200));
    assertThat(status).isEqualTo(200);
    Poll.until(
        "the redelivered job's reply",
        BOUND,
        () -> Optional.of(1).filter(x -> repliesTo(refused.messageId()).size() == 1));
    assertThat(replyText(repliesTo(refused.messageId()).get(0))).isEqualTo("quick job done: x");
    assertThat(JobRuns.started(refused.eventId())).isEqualTo(1);
  }
}
