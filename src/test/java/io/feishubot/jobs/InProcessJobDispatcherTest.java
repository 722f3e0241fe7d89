package io.feishubot.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feishubot.feishu.MessageReceived;
import io.feishubot.idempotency.ClaimResult;
import io.feishubot.idempotency.IdempotencyKey;
import io.feishubot.idempotency.IdempotencyStore;
import io.feishubot.idempotency.InMemoryIdempotencyStore;
import io.feishubot.router.CommandLine;
import io.feishubot.testsupport.LogCapture;
import io.feishubot.testsupport.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The in-process dispatcher with a real in-memory store and a small runner that leases its job the
 * way the real one does: bounded, refusing when full, and on shutdown finishing what it can,
 * releasing the rest and naming it in the log.
 */
class InProcessJobDispatcherTest {

  private static final Duration BOUND = Duration.ofSeconds(10);

  private final IdempotencyStore store = new InMemoryIdempotencyStore(Duration.ofHours(24));
  private final CountDownLatch gate = new CountDownLatch(1);
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final Set<String> finished = ConcurrentHashMap.newKeySet();

  @AfterEach
  void openGate() {
    gate.countDown();
  }

  @Test
  void refusesAJob_whenEveryThreadIsBusyAndTheQueueIsFull() {
    InProcessJobDispatcher dispatcher = new InProcessJobDispatcher(gatedRunner(), 1, 1, BOUND);
    Job first = job("gated");
    dispatcher.dispatch(first);
    awaitRunning(first);
    dispatcher.dispatch(job("gated")); // waits in the queue

    assertThatThrownBy(() -> dispatcher.dispatch(job("gated")))
        .isInstanceOf(JobRefusedException.class)
        .hasMessage("job queue full");

    gate.countDown();
    Poll.until(
        "both jobs to finish", BOUND, () -> Optional.of(1).filter(x -> finished.size() == 2));
    dispatcher.dispatch(job("gated")); // room again
  }

  @Test
  void shutdown_letsRunningJobsFinishWithinTheGrace_andRefusesNewOnes() {
    InProcessJobDispatcher dispatcher = new InProcessJobDispatcher(gatedRunner(), 2, 4, BOUND);
    Job job = job("works-a-moment");
    dispatcher.dispatch(job);
    awaitRunning(job);

    dispatcher.shutdown();

    assertThat(finished).containsExactly(job.eventId());
    assertThat(store.find(keyOf(job), Instant.now())).isPresent(); // completed, not released
    assertThatThrownBy(() -> dispatcher.dispatch(job("gated")))
        .isInstanceOf(JobRefusedException.class)
        .hasMessage("shutting down");
  }

  @Test
  void shutdown_interruptsJobsPastTheGrace_releasesTheirLeases_andLogsThem() {
    InProcessJobDispatcher dispatcher =
        new InProcessJobDispatcher(gatedRunner(), 2, 4, Duration.ofMillis(300));
    Job polite = job("gated"); // stops when interrupted and releases its lease itself
    Job stubborn = job("ignores-interrupts"); // still running after the interrupt
    dispatcher.dispatch(polite);
    dispatcher.dispatch(stubborn);
    awaitRunning(polite);
    awaitRunning(stubborn);

    try (LogCapture log = LogCapture.start()) {
      dispatcher.shutdown();

      for (Job job : List.of(polite, stubborn)) {
        assertThat(log.lines())
            .anyMatch(
                line ->
                    line.contains("job " + job.eventId() + ": did not finish within the shutdown"));
        Instant now = Instant.now();
        assertThat(store.claim(keyOf(job), now, now.plusSeconds(30)))
            .as("a fresh run can take %s", job.command().name())
            .isInstanceOf(ClaimResult.Claimed.class);
      }
    }
    assertThat(finished).isEmpty();
  }

  /**
   * Leases the job like the real runner, then waits for the test's gate. A "gated" job stops when
   * interrupted and releases its lease; an "ignores-interrupts" job keeps waiting; a
   * "works-a-moment" job works 300 ms, then opens the gate itself.
   */
  private JobRunner gatedRunner() {
    return new JobRunner() {
      @Override
      public JobOutcome run(Job job) {
        IdempotencyKey key = keyOf(job);
        Instant now = Instant.now();
        if (!(store.claim(key, now, now.plusSeconds(30)) instanceof ClaimResult.Claimed)) {
          return new JobOutcome.NotRun("held");
        }
        running.add(job.eventId());
        boolean ignoresInterrupts = job.command().name().equals("ignores-interrupts");
        if (job.command().name().equals("works-a-moment")) {
          try {
            Thread.sleep(300); // the job's work, not a wait of the test
          } catch (InterruptedException e) {
            return new JobOutcome.NotRun("interrupted");
          }
          gate.countDown();
        }
        while (true) {
          try {
            if (gate.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
              break;
            }
          } catch (InterruptedException e) {
            if (!ignoresInterrupts) {
              store.release(key);
              return new JobOutcome.NotRun("interrupted");
            }
          }
        }
        store.complete(key, Instant.now(), Optional.empty());
        finished.add(job.eventId());
        return new JobOutcome.Finished();
      }

      @Override
      public void release(Job job) {
        store.release(keyOf(job));
      }
    };
  }

  private void awaitRunning(Job job) {
    Poll.until(
        job.eventId() + " to run",
        BOUND,
        () -> Optional.of(job).filter(j -> running.contains(j.eventId())));
  }

  private static IdempotencyKey keyOf(Job job) {
    return new IdempotencyKey(job.appId(), "job:" + job.eventId());
  }

  private static Job job(String command) {
    String id = UUID.randomUUID().toString().replace("-", "");
    return new Job(
        "cli_test",
        id,
        new CommandLine(command, List.of(), ""),
        new MessageReceived.Message(
            "om_" + id, null, null, null, "oc_" + id, "group", "text", "{}", List.of()),
        null,
        Instant.now());
  }
}
