package io.feishubot.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs jobs in this JVM (plain jar, Knative, dev): a fixed number of threads and a bounded queue; a
 * job that finds both full is refused, so its delivery is answered 503 and Feishu redelivers it.
 *
 * <p>On shutdown it refuses new jobs, lets running and queued ones finish within the grace period,
 * then interrupts what is left and releases its lease, so that nothing stays held until the lease
 * lapses; each job that did not finish is logged by its event id. Such a job is not run again by
 * this process: its event was acknowledged, so only a runner elsewhere could pick it up.
 */
public final class InProcessJobDispatcher implements JobDispatcher {

  private static final Logger LOG = Logger.getLogger(InProcessJobDispatcher.class);

  /** After the interrupt, how long a job gets to notice it and let go of its lease itself. */
  static final Duration AFTER_INTERRUPT = Duration.ofSeconds(2);

  private final JobRunner runner;
  private final Duration shutdownGrace;
  private final ThreadPoolExecutor executor;
  private final Map<Job, Boolean> running = new ConcurrentHashMap<>();
  private volatile boolean stopping;

  public InProcessJobDispatcher(
      JobRunner runner, int concurrency, int queue, Duration shutdownGrace) {
    this.runner = runner;
    this.shutdownGrace = shutdownGrace;
    BlockingQueue<Runnable> waiting =
        queue > 0 ? new ArrayBlockingQueue<>(queue) : new SynchronousQueue<>();
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            concurrency,
            concurrency,
            0,
            TimeUnit.MILLISECONDS,
            waiting,
            task -> {
              Thread thread = new Thread(task, "feishu-job-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public void dispatch(Job job) {
    if (stopping) {
      throw new JobRefusedException("shutting down");
    }
    try {
      executor.execute(new Queued(job));
    } catch (RejectedExecutionException e) {
      throw new JobRefusedException(stopping ? "shutting down" : "job queue full");
    }
  }

  /**
   * Stops taking jobs and waits up to the grace period for those taken; then interrupts the rest,
   * releases their leases and logs them. Blocks for at most the grace plus a few seconds.
   */
  public void shutdown() {
    stopping = true;
    executor.shutdown();
    if (awaitTermination(shutdownGrace)) {
      return;
    }
    // Taken before the interrupt: a job that stops at once on it still did not finish in time.
    List<Job> interrupted = List.copyOf(running.keySet());
    List<Runnable> neverStarted = executor.shutdownNow(); // interrupts the running ones
    for (Runnable task : neverStarted) {
      LOG.warnf(
          "job %s: not started before shutdown; it will not run here",
          ((Queued) task).job.eventId());
    }
    awaitTermination(AFTER_INTERRUPT);
    for (Job job : interrupted) {
      LOG.warnf(
          "job %s: did not finish within the shutdown grace (%s); interrupted and released",
          job.eventId(), shutdownGrace);
      if (running.containsKey(job)) {
        runner.release(job); // still inside run: let go of its lease on its behalf
      }
    }
  }

  /** Jobs running now (for tests and the log). */
  int runningJobs() {
    return running.size();
  }

  private boolean awaitTermination(Duration timeout) {
    try {
      return executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A job waiting for, then holding, one of the threads. */
  private final class Queued implements Runnable {
    final Job job;

    Queued(Job job) {
      this.job = job;
    }

    @Override
    public void run() {
      running.put(job, Boolean.TRUE);
      try {
        JobOutcome outcome = runner.run(job);
        if (outcome instanceof JobOutcome.NotRun notRun) {
          LOG.infof("job %s: not run here (%s)", job.eventId(), notRun.reason());
        }
      } catch (RuntimeException e) {
        // Only the type: exception text may quote the command's payload.
        LOG.errorf("job %s: the runner failed (%s)", job.eventId(), e.getClass().getName());
      } finally {
        running.remove(job);
      }
    }
  }
}
