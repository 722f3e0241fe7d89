package io.feishubot.jobs;

import static io.feishubot.testsupport.BotEndpoint.onlyReplyTo;
import static io.feishubot.testsupport.BotEndpoint.repliesTo;
import static io.feishubot.testsupport.BotEndpoint.replyText;
import static io.feishubot.testsupport.BotEndpoint.uuidOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.feishubot.feishu.MessageReceived;
import io.feishubot.idempotency.ClaimResult;
import io.feishubot.idempotency.IdempotencyStore;
import io.feishubot.router.CommandLine;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.JobRuns;
import io.feishubot.testsupport.Poll;
import io.feishubot.testsupport.TestKeys;
import io.feishubot.webhook.JobExecution;
import io.feishubot.webhook.ReplyIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A worker that died mid-job leaves its lease in the store; the job runs once the lease lapses, and
 * only once. The dead worker is simulated as it would look from the store: a claim on the job's key
 * with a short lease that is never renewed, completed or released.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
class KilledWorkerJobTest {

  private static final Duration DEAD_WORKERS_LEASE = Duration.ofSeconds(2);

  @Inject JobRunner runner;
  @Inject IdempotencyStore store;
  @Inject Clock clock;

  @Test
  void aJobHeldByADeadWorker_isNotRun_untilItsLeaseLapses_thenRunsAndRepliesOnce() {
    Job job = quickJob();
    Instant now = clock.instant();
    assertThat(store.claim(JobExecution.keyOf(job), now, now.plus(DEAD_WORKERS_LEASE)))
        .isInstanceOf(ClaimResult.Claimed.class);

    assertThat(runner.run(job)).isEqualTo(new JobOutcome.NotRun("held by another worker"));
    assertThat(JobRuns.started(job.eventId())).isZero();

    JobOutcome retried =
        Poll.until(
            "the dead worker's lease to lapse",
            Duration.ofSeconds(15),
            () ->
                Optional.of(runner.run(job))
                    .filter(outcome -> !(outcome instanceof JobOutcome.NotRun)));
    assertThat(retried).isEqualTo(new JobOutcome.Finished());
    assertThat(JobRuns.started(job.eventId())).isEqualTo(1);
    var reply = onlyReplyTo(job.message().messageId());
    assertThat(replyText(reply)).isEqualTo("quick job done: a b");
    assertThat(uuidOf(reply))
        .isEqualTo(ReplyIds.forEvent(TestKeys.APP_ID, "job:" + job.eventId(), 0))
        .isNotEqualTo(ReplyIds.forEvent(TestKeys.APP_ID, job.eventId(), 0));

    assertThat(runner.run(job)).isEqualTo(new JobOutcome.AlreadyDone());
    assertThat(JobRuns.started(job.eventId())).isEqualTo(1);
    assertThat(repliesTo(job.message().messageId())).hasSize(1);
  }

  private Job quickJob() {
    String id = UUID.randomUUID().toString().replace("-", "");
    MessageReceived.Message message =
        new MessageReceived.Message(
            "om_" + id,
            null,
            null,
            null,
            "oc_" + id,
            "group",
            "text",
            "{\"text\":\"/test-quick-job a b\"}",
            List.of());
    MessageReceived.Sender sender =
        new MessageReceived.Sender(
            "user", "ou_7d8a6e6df7621556ce0d21922b676706ccs", null, null, "736588c9260f175e");
    return new Job(
        TestKeys.APP_ID,
        Events.newEventId(),
        new CommandLine("test-quick-job", List.of("a", "b"), "a b"),
        message,
        sender,
        clock.instant());
  }
}
