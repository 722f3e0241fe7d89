package io.feishubot.webhook;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one small scheduler every running job shares: it renews leases and fires timeouts. Its tasks
 * are short (one store call, one interrupt), so one thread serves any number of jobs; a job's own
 * work never runs here.
 */
@ApplicationScoped
public class JobTimers {

  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "feishu-job-timers");
            thread.setDaemon(true);
            return thread;
          });

  /** Runs {@code task} every {@code period}, the first time one period from now. */
  ScheduledFuture<?> every(Duration period, Runnable task) {
    long millis = Math.max(1, period.toMillis());
    return scheduler.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Runs {@code task} once, {@code delay} from now. */
  ScheduledFuture<?> after(Duration delay, Runnable task) {
    return scheduler.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    scheduler.shutdownNow();
  }
}
