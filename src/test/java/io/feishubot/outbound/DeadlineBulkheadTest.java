package io.feishubot.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlineBulkheadTest {

  private static final Duration MIN_ATTEMPT = Duration.ofMillis(100);

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final OutboundBudget budget = new OutboundBudget(Clock.systemUTC(), MIN_ATTEMPT);

  @AfterEach
  void stopTimer() {
    timer.shutdownNow();
  }

  @Test
  void callsOverTheLimit_waitForFreedSlots_firstComeFirstServed() {
    DeadlineBulkhead bulkhead = bulkhead(2, 10);
    Instant deadline = Instant.now().plusSeconds(5);
    CompletableFuture<String> first = new CompletableFuture<>();
    UniAssertSubscriber<String> one = subscribe(bulkhead.run(deadline, answeredBy(first)));
    subscribe(bulkhead.run(deadline, answeredBy(new CompletableFuture<>())));
    Call third = new Call();
    Call fourth = new Call();
    subscribe(bulkhead.run(deadline, third));
    subscribe(bulkhead.run(deadline, fourth));
    assertThat(third.started).isFalse();

    first.complete("done");

    one.awaitItem(Duration.ofSeconds(1));
    await().atMost(Duration.ofSeconds(2)).untilTrue(third.started);
    assertThat(fourth.started).isFalse();
    third.answer.complete("done");
    await().atMost(Duration.ofSeconds(2)).untilTrue(fourth.started);
  }

  @Test
  void aWaitingCall_givesUpWhenAFullAttemptNoLongerFits_andNeverStarts() {
    DeadlineBulkhead bulkhead = bulkhead(1, 10);
    CompletableFuture<String> busy = new CompletableFuture<>();
    subscribe(bulkhead.run(Instant.now().plusSeconds(5), answeredBy(busy)));
    // 400 ms left: it may wait up to 300 ms for a slot, keeping 100 ms for its attempt.
    Call late = new Call();
    long start = System.nanoTime();
    UniAssertSubscriber<String> waiting =
        subscribe(bulkhead.run(Instant.now().plusMillis(400), late));

    waiting.awaitFailure(Duration.ofSeconds(2)).assertFailedWith(OutboundBusyException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(250));

    busy.complete("done");
    assertThat(late.started).isFalse();
    // Nobody waits any more: the freed slot is free for the next call at once.
    subscribe(bulkhead.run(Instant.now().plusSeconds(5), () -> Uni.createFrom().item("now")))
        .assertItem("now");
  }

  @Test
  void aCallFindingTheQueueFull_isRefusedAtOnce() {
    DeadlineBulkhead bulkhead = bulkhead(1, 1);
    Instant deadline = Instant.now().plusSeconds(5);
    subscribe(bulkhead.run(deadline, answeredBy(new CompletableFuture<>())));
    subscribe(bulkhead.run(deadline, new Call())).assertNotTerminated();

    subscribe(bulkhead.run(deadline, new Call()))
        .assertFailedWith(OutboundBusyException.class, "no free slot");
  }

  @Test
  void failedAndAbandonedCalls_giveTheirSlotsAndPlacesBack() {
    DeadlineBulkhead bulkhead = bulkhead(1, 1);
    Instant deadline = Instant.now().plusSeconds(5);
    subscribe(bulkhead.run(deadline, () -> Uni.createFrom().failure(new IllegalStateException())))
        .assertFailedWith(IllegalStateException.class);
    CompletableFuture<String> busy = new CompletableFuture<>();
    subscribe(bulkhead.run(deadline, answeredBy(busy)));
    Call gone = new Call();
    UniAssertSubscriber<String> waiting = subscribe(bulkhead.run(deadline, gone));
    waiting.cancel();
    // Its place in the queue (room for one) is free again.
    Call next = new Call();
    subscribe(bulkhead.run(deadline, next)).assertNotTerminated();

    busy.complete("done");
    await().atMost(Duration.ofSeconds(2)).untilTrue(next.started);
    next.answer.complete("done");

    assertThat(gone.started).isFalse();
    subscribe(bulkhead.run(deadline, () -> Uni.createFrom().item("now"))).assertItem("now");
  }

  private DeadlineBulkhead bulkhead(int limit, int maxWaiting) {
    return new DeadlineBulkhead(budget, limit, maxWaiting, timer, new SimpleMeterRegistry());
  }

  private static Supplier<Uni<String>> answeredBy(CompletableFuture<String> answer) {
    return () -> Uni.createFrom().completionStage(answer);
  }

  private static <T> UniAssertSubscriber<T> subscribe(Uni<T> uni) {
    return uni.subscribe().withSubscriber(UniAssertSubscriber.create());
  }

  /** A call that records that it started and answers when told. */
  private static final class Call implements Supplier<Uni<String>> {
    final AtomicBoolean started = new AtomicBoolean();
    final CompletableFuture<String> answer = new CompletableFuture<>();

    @Override
    public Uni<String> get() {
      started.set(true);
      return Uni.createFrom().completionStage(answer);
    }
  }
}
