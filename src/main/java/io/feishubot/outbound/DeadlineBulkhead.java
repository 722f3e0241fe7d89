package io.feishubot.outbound;

import io.feishubot.config.FeishuConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Caps the Open API message calls in flight at {@code feishu.outbound.concurrent-calls}. A call
 * over the cap waits for a slot, first come first served, as long as a full attempt ({@code
 * min-attempt-time}) still fits before its event's deadline, and is refused ({@link
 * OutboundBusyException}, 503, redelivered by Feishu) only when it cannot, or when {@code
 * feishu.outbound.waiting-calls} calls already wait. A burst is answered a little later instead of
 * refused.
 *
 * <p>Not MicroProfile's {@code @Bulkhead}: its queue wait has no bound of its own, and under
 * {@code @Timeout} it eats into the attempt's time and ends as a timed-out attempt, which the
 * circuit breaker counts. Here the slot is held for the whole call, its retries and their backoff
 * included, and waiting parks no thread: a timer ends a wait that outlives its deadline, and a call
 * that gets a slot carries on on its caller's event loop.
 */
@ApplicationScoped
public class DeadlineBulkhead {

  private final OutboundBudget budget;
  private final int limit;
  private final int maxWaiting;
  private final ScheduledExecutorService timer;
  private final SlotWaitMeters meters;

  private final ReentrantLock lock = new ReentrantLock();
  // Guarded by lock. A freed slot passes straight to the first waiter, so inFlight < limit implies
  // that nobody waits.
  private int inFlight;
  private final ArrayDeque<CompletableFuture<Void>> waiting = new ArrayDeque<>();

  @Inject
  DeadlineBulkhead(OutboundBudget budget, FeishuConfig config, MeterRegistry registry) {
    this(
        budget,
        config.outbound().concurrentCalls(),
        config.outbound().waitingCalls(),
        Infrastructure.getDefaultWorkerPool(),
        registry);
  }

  DeadlineBulkhead(
      OutboundBudget budget,
      int limit,
      int maxWaiting,
      ScheduledExecutorService timer,
      MeterRegistry registry) {
    if (limit <= 0 || maxWaiting < 0) {
      throw new IllegalArgumentException(
          "feishu.outbound.concurrent-calls must be positive, waiting-calls not negative");
    }
    this.budget = budget;
    this.limit = limit;
    this.maxWaiting = maxWaiting;
    this.timer = timer;
    this.meters = SlotWaitMeters.register(registry, "calls");
  }

  /**
   * Runs {@code call} holding a slot, taken when the result is subscribed to and given back when
   * the call ends however it ends (item, failure or cancellation).
   */
  public <T> Uni<T> run(Instant deadline, Supplier<Uni<T>> call) {
    return Uni.createFrom()
        .deferred(
            () -> {
              CompletableFuture<Void> ticket;
              lock.lock();
              try {
                if (inFlight < limit) {
                  inFlight++;
                  ticket = null;
                } else {
                  ticket = enqueue(budget.retryWindow(deadline));
                }
              } finally {
                lock.unlock();
              }
              if (ticket == null) {
                return holding(call);
              }
              return awaitTurn(ticket, budget.retryWindow(deadline)).chain(() -> holding(call));
            });
  }

  /** Under the lock: a place in the queue, or a refusal when there is no room or no time. */
  private CompletableFuture<Void> enqueue(Duration wait) {
    if (wait.isNegative() || wait.isZero() || waiting.size() >= maxWaiting) {
      meters.gaveUp().increment();
      return CompletableFuture.failedFuture(refusal());
    }
    CompletableFuture<Void> ticket = new CompletableFuture<>();
    waiting.add(ticket);
    meters.waited().increment();
    return ticket;
  }

  private Uni<Void> awaitTurn(CompletableFuture<Void> ticket, Duration wait) {
    if (ticket.isCompletedExceptionally()) {
      return Uni.createFrom().completionStage(ticket);
    }
    Executor resume = CallerContext.current();
    ScheduledFuture<?> expiry =
        timer.schedule(() -> expire(ticket), Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
    return Uni.createFrom()
        .completionStage(ticket)
        .onItemOrFailure()
        .invoke(() -> expiry.cancel(false))
        .emitOn(resume)
        .onCancellation()
        .invoke(() -> abandon(ticket));
  }

  private <T> Uni<T> holding(Supplier<Uni<T>> call) {
    Uni<T> uni;
    try {
      uni = call.get();
    } catch (RuntimeException e) {
      release();
      return Uni.createFrom().failure(e);
    }
    return uni.onTermination().invoke(this::release);
  }

  /** Passes the slot to the first caller still waiting, or frees it. */
  private void release() {
    while (true) {
      CompletableFuture<Void> next;
      lock.lock();
      try {
        next = waiting.poll();
        if (next == null) {
          inFlight--;
          return;
        }
      } finally {
        lock.unlock();
      }
      // Outside the lock: completing runs the waiter's continuation up to its hand-off.
      if (next.complete(null)) {
        return;
      }
      // It gave up or went away meanwhile: offer the slot to the next one.
    }
  }

  private void expire(CompletableFuture<Void> ticket) {
    if (ticket.completeExceptionally(refusal())) {
      meters.gaveUp().increment();
      remove(ticket);
    }
  }

  /** The caller stopped waiting; a slot handed over in the meantime is given back. */
  private void abandon(CompletableFuture<Void> ticket) {
    ticket.cancel(false);
    if (ticket.isCompletedExceptionally()) {
      remove(ticket);
    } else {
      release();
    }
  }

  private void remove(CompletableFuture<Void> ticket) {
    lock.lock();
    try {
      waiting.remove(ticket);
    } finally {
      lock.unlock();
    }
  }

  private OutboundBusyException refusal() {
    return new OutboundBusyException(
        "no free slot among " + limit + " Open API calls in flight before the deadline");
  }
}
