package io.feishubot.webhook;

import io.feishubot.message.Message;
import io.feishubot.router.CommandContext;
import io.feishubot.router.CommandHandler;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of a deferred command's {@code handle} on the calling thread, bounded by a timeout that
 * interrupts it. A handler that ignores interrupts runs on until it returns; it is still reported
 * as timed out. An interrupt that does not come from the timeout (a shutdown) is reported as such,
 * so that the job is released rather than answered.
 */
final class JobAttempt {

  /** How a run ended. */
  sealed interface Ending {}

  record Returned(Message reply) implements Ending {}

  /** The handler threw; only the exception's type is kept, its text may quote payload. */
  record Threw(String exceptionType) implements Ending {}

  record TimedOut() implements Ending {}

  /** Interrupted by someone other than the timeout: the process is stopping. */
  record Interrupted() implements Ending {}

  private JobAttempt() {}

  static Ending run(
      CommandHandler handler, CommandContext context, Duration timeLeft, JobTimers timers) {
    if (timeLeft.isNegative() || timeLeft.isZero()) {
      return new TimedOut();
    }
    Thread worker = Thread.currentThread();
    // Whoever sets this first decides: the handler by returning, or the alarm by interrupting.
    AtomicBoolean decided = new AtomicBoolean();
    ScheduledFuture<?> alarm =
        timers.after(
            timeLeft,
            () -> {
              if (decided.compareAndSet(false, true)) {
                worker.interrupt();
              }
            });
    Message reply = null;
    RuntimeException failure = null;
    try {
      reply = handler.handle(context);
    } catch (RuntimeException e) {
      failure = e;
    }
    if (!decided.compareAndSet(false, true)) {
      awaitInterrupt(alarm);
      Thread.interrupted(); // the alarm's interrupt is spent: the error reply must still go out
      return new TimedOut();
    }
    alarm.cancel(false);
    if (Thread.interrupted() || causedByInterrupt(failure)) {
      return new Interrupted();
    }
    if (failure != null) {
      return new Threw(failure.getClass().getSimpleName());
    }
    return new Returned(reply == null ? Message.none() : reply);
  }

  /** The alarm won the race: wait until its interrupt has landed, so that it can be cleared. */
  private static void awaitInterrupt(ScheduledFuture<?> alarm) {
    try {
      alarm.get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      // The alarm's own interrupt, arriving while we wait: exactly what we waited for.
    } catch (ExecutionException | TimeoutException e) {
      // The alarm cannot fail or hang (one compare-and-set, one interrupt).
    }
  }

  private static boolean causedByInterrupt(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }
}
