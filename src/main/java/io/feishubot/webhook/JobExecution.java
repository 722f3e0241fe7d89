package io.feishubot.webhook;

import io.feishubot.config.FeishuConfig;
import io.feishubot.idempotency.ClaimResult;
import io.feishubot.idempotency.ClaimStatus;
import io.feishubot.idempotency.IdempotencyKey;
import io.feishubot.idempotency.IdempotencyStore;
import io.feishubot.idempotency.IdempotencyStoreUnavailableException;
import io.feishubot.jobs.Job;
import io.feishubot.jobs.JobOutcome;
import io.feishubot.jobs.JobRunner;
import io.feishubot.message.Message;
import io.feishubot.message.MessageTooLargeException;
import io.feishubot.outbound.FeishuApiException;
import io.feishubot.outbound.MessageSender;
import io.feishubot.router.CommandHandler;
import io.feishubot.router.CommandRouter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Runs a deferred command's job exactly once, on the calling thread: claims the job's own key with
 * a lease that a shared timer renews every third of {@code feishu.jobs.lease}, runs the handler
 * under its timeout, posts its reply or an error naming the command, then completes the key. When
 * the reply cannot be posted, or the process stops under it, the key is released so that a retry
 * can run the job.
 *
 * <p>Replies carry the uuids of the event id prefixed {@code job:} ({@link #replySeed}): the
 * delivery's acknowledgement has place 0 of the plain event id, the job's final reply place 0 of
 * the prefixed one, the handler's own messages places 1, 2, … of it. A rerun sends the same uuids.
 */
@ApplicationScoped
public class JobExecution implements JobRunner {

  private static final Logger LOG = Logger.getLogger(JobExecution.class);

  /** Time for the final reply, retries included; the outbound policy caps retries well inside. */
  static final Duration REPLY_BUDGET = Duration.ofSeconds(10);

  private final IdempotencyStore store;
  private final CommandRouter commands;
  private final MessageSender sender;
  private final Clock clock;
  private final FeishuConfig.Jobs settings;
  private final JobTimers timers;
  private final JobMeters meters;

  public JobExecution(
      IdempotencyStore store,
      CommandRouter commands,
      MessageSender sender,
      Clock clock,
      FeishuConfig config,
      JobTimers timers,
      JobMeters meters) {
    this.store = store;
    this.commands = commands;
    this.sender = sender;
    this.clock = clock;
    this.settings = config.jobs();
    this.timers = timers;
    this.meters = meters;
  }

  /** The job's idempotency key: distinct from its event's, which the delivery completed. */
  public static IdempotencyKey keyOf(Job job) {
    return new IdempotencyKey(job.appId(), replySeed(job));
  }

  /** The event id the job's reply uuids are derived from. */
  static String replySeed(Job job) {
    return "job:" + job.eventId();
  }

  @Override
  public JobOutcome run(Job job) {
    MDC.put(LogFields.EVENT_ID, job.eventId());
    MDC.put(LogFields.COMMAND, tagOf(job));
    try {
      IdempotencyKey key = keyOf(job);
      Instant now = clock.instant();
      ClaimResult claim;
      try {
        claim = store.claim(key, now, now.plus(settings.lease()));
      } catch (IdempotencyStoreUnavailableException e) {
        LOG.warnf(
            "job %s: idempotency store unavailable (%s), not run", job.eventId(), e.getMessage());
        return new JobOutcome.NotRun("idempotency store unavailable");
      }
      return switch (claim) {
        case ClaimResult.Claimed claimed -> runClaimed(job, key);
        case ClaimResult.Taken taken -> taken(job, key, taken, now);
      };
    } finally {
      MDC.remove(LogFields.EVENT_ID);
      MDC.remove(LogFields.COMMAND);
    }
  }

  @Override
  public void release(Job job) {
    releaseQuietly(job, keyOf(job));
  }

  private JobOutcome taken(Job job, IdempotencyKey key, ClaimResult.Taken taken, Instant now) {
    Optional<ClaimStatus> status;
    try {
      status = taken.status().isPresent() ? taken.status() : store.find(key, now);
    } catch (IdempotencyStoreUnavailableException e) {
      return new JobOutcome.NotRun("idempotency store unavailable");
    }
    if (status.isEmpty()) {
      return new JobOutcome.NotRun("its lease just lapsed");
    }
    return switch (status.get()) {
      case ClaimStatus.Completed completed -> {
        LOG.infof("job %s: already done", job.eventId());
        yield new JobOutcome.AlreadyDone();
      }
      case ClaimStatus.InProgress inProgress -> {
        LOG.infof("job %s: held by another worker", job.eventId());
        yield new JobOutcome.NotRun("held by another worker");
      }
    };
  }

  private JobOutcome runClaimed(Job job, IdempotencyKey key) {
    String tag = tagOf(job);
    Duration lease = settings.lease();
    AtomicBoolean leaseLost = new AtomicBoolean();
    ScheduledFuture<?> renewal =
        timers.every(lease.dividedBy(3), () -> renew(job, key, lease, leaseLost));
    Instant started = clock.instant();
    meters.started(tag);
    JobMeters.Ended ended = JobMeters.Ended.RELEASED;
    try {
      Optional<CommandHandler> handler = commands.handlerOf(job.command().name());
      Duration timeout = handler.flatMap(CommandHandler::jobTimeout).orElse(settings.timeout());
      Instant deadline = job.acknowledgedAt().plus(timeout);
      JobAttempt.Ending ending =
          handler.isEmpty()
              ? new JobAttempt.Threw("no such command")
              : JobAttempt.run(
                  handler.get(),
                  context(job, deadline),
                  Duration.between(clock.instant(), deadline),
                  timers);
      JobAnswer answer = JobAnswer.of(job.command().name(), ending, timeout);
      if (!(answer instanceof JobAnswer.Reply reply)) {
        LOG.warnf("job %s: interrupted before it finished, released", job.eventId());
        releaseQuietly(job, key);
        return new JobOutcome.NotRun("interrupted");
      }
      if (!postReply(job, reply)) {
        releaseQuietly(job, key);
        return new JobOutcome.NotRun("the reply could not be posted");
      }
      completeQuietly(job, key);
      ended = reply.ended();
      if (reply.outcome() instanceof JobOutcome.Failed failed) {
        LOG.warnf("job %s: %s (%s)", job.eventId(), ended.tag(), failed.reason());
      } else {
        LOG.infof("job %s: %s", job.eventId(), ended.tag());
      }
      return reply.outcome();
    } finally {
      renewal.cancel(false);
      meters.ended(tag, ended, Duration.between(started, clock.instant()));
    }
  }

  /** Posts the answer as the command's reply; false when Feishu could not be reached in time. */
  private boolean postReply(Job job, JobAnswer.Reply answer) {
    try {
      sendReply(job, answer.message());
      return true;
    } catch (MessageTooLargeException tooLarge) {
      LOG.errorf("job %s: %s", job.eventId(), tooLarge.getMessage());
      return postReply(job, JobAnswer.tooLarge(job.command().name()));
    } catch (RuntimeException e) {
      // Our own exceptions' text is payload-free; for others only the type.
      LOG.warnf(
          "job %s: its reply could not be posted (%s), released",
          job.eventId(), FeishuApiException.describe(e));
      return false;
    }
  }

  private void sendReply(Job job, Message reply) {
    Instant deadline = clock.instant().plus(REPLY_BUDGET);
    new EventMessenger(sender, job.appId(), replySeed(job), deadline)
        .commandReply(job.message().chatId(), job.message().messageId(), reply)
        .await()
        .atMost(REPLY_BUDGET.plusSeconds(5));
  }

  /** The handler's context; its own messages may go out until its deadline. */
  private HandlerContexts.OfCommand context(Job job, Instant deadline) {
    return new HandlerContexts.OfCommand(
        job.command(),
        job.eventId(),
        job.appId(),
        job.message(),
        job.sender(),
        new EventMessenger(sender, job.appId(), replySeed(job), deadline));
  }

  private void renew(Job job, IdempotencyKey key, Duration lease, AtomicBoolean lost) {
    if (lost.get()) {
      return; // said once; the job runs on, its reply uuid keeps a second run from posting twice
    }
    try {
      Instant now = clock.instant();
      if (!store.renew(key, now, now.plus(lease)) && lost.compareAndSet(false, true)) {
        LOG.warnf("job %s: its lease was lost; another worker may run it", job.eventId());
      }
    } catch (RuntimeException e) {
      // The next renewal tries again; the lease lasts three periods.
      LOG.warnf("job %s: could not renew its lease (%s)", job.eventId(), e.getClass().getName());
    }
  }

  private void completeQuietly(Job job, IdempotencyKey key) {
    try {
      store.complete(key, clock.instant(), Optional.empty());
    } catch (IdempotencyStoreUnavailableException e) {
      // The reply is out. A retry after the lease lapses would rerun the handler, but its reply
      // carries the same uuid, so Feishu will not post it twice.
      LOG.warnf("job %s: could not mark as done", job.eventId());
    }
  }

  private void releaseQuietly(Job job, IdempotencyKey key) {
    try {
      store.release(key);
    } catch (RuntimeException e) {
      LOG.warnf("job %s: could not release its lease; it lapses on its own", job.eventId());
    }
  }

  /** A registered command's name, or "unknown": tags are never user input. */
  private String tagOf(Job job) {
    String name = job.command().name();
    return commands.knows(name) ? name : "unknown";
  }
}
