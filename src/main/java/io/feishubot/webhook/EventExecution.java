package io.feishubot.webhook;

import io.feishubot.concurrent.BlockingWork;
import io.feishubot.feishu.EventHeader;
import io.feishubot.feishu.FeishuEvent;
import io.feishubot.idempotency.ClaimResult;
import io.feishubot.idempotency.ClaimStatus;
import io.feishubot.idempotency.IdempotencyKey;
import io.feishubot.idempotency.IdempotencyStore;
import io.feishubot.idempotency.IdempotencyStoreUnavailableException;
import io.feishubot.jobs.JobDispatcher;
import io.feishubot.jobs.JobRefusedException;
import io.feishubot.outbound.FeishuApiException;
import io.feishubot.outbound.MessageSender;
import io.feishubot.router.CommandRouter;
import io.feishubot.router.EventHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs an event's work exactly once: claim the event id, run the handler and send what it sends,
 * then mark the event done. Any failure releases the claim and asks Feishu to redeliver, so a
 * failed event is never mistaken for a duplicate later.
 */
@ApplicationScoped
public class EventExecution {

  private static final Logger LOG = Logger.getLogger(EventExecution.class);

  /**
   * How long past the ack deadline a claim keeps blocking duplicates if its owner never finishes.
   * Feishu's first redelivery comes 15 s after a failure, well after this.
   */
  static final Duration IN_PROGRESS_GRACE = Duration.ofSeconds(2);

  private static final WebhookResult STORE_UNAVAILABLE =
      new WebhookResult.RetryLater("idempotency store unavailable");
  private static final WebhookResult HANDLER_FAILED =
      new WebhookResult.RetryLater("handler failed");
  private static final WebhookResult JOB_REFUSED = new WebhookResult.RetryLater("job refused");
  private static final WebhookResult IN_PROGRESS_ELSEWHERE =
      new WebhookResult.RetryLater("in progress on another delivery");
  // The other delivery failed and let go between this claim and the read: a redelivery runs it.
  private static final WebhookResult RELEASED_ELSEWHERE =
      new WebhookResult.RetryLater("released by another delivery");
  private static final WebhookResult DUPLICATE =
      new WebhookResult.Acknowledged(WebhookResult.Outcome.DUPLICATE);
  private static final WebhookResult ACCEPTED =
      new WebhookResult.Acknowledged(WebhookResult.Outcome.ACCEPTED);

  private final IdempotencyStore store;
  private final CommandExecution commandExecution;
  private final MessageSender sender;
  private final Clock clock;
  private final MeterRegistry registry;
  // One timer per tag, looked up once (meter-id building showed in the /ping profile).
  private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

  public EventExecution(
      IdempotencyStore store,
      CommandRouter commands,
      MessageSender sender,
      JobDispatcher jobs,
      Clock clock,
      MeterRegistry registry) {
    this.store = store;
    this.commandExecution = new CommandExecution(commands, jobs, clock);
    this.sender = sender;
    this.clock = clock;
    this.registry = registry;
  }

  /**
   * Runs the pending work unless another delivery of its event got there first. Each step that may
   * block (a store that does I/O, a handler that does) moves off the event loop; the rest, sending
   * included, runs on the subscribing thread. The caller subscribes to the result once, and this is
   * called when it does (in a deferred stage): a store that never blocks is called right here,
   * without a stage of its own, since each stage costs a context capture per event
   * (mutiny-smallrye-context-propagation, bench/jmh).
   */
  public Uni<WebhookResult> run(Triage.Pending pending) {
    EventHeader header = pending.header();
    IdempotencyKey key = new IdempotencyKey(pending.appId(), header.eventId());
    Instant inProgressUntil = pending.deadline().plus(IN_PROGRESS_GRACE);
    if (!store.mayBlock()) {
      ClaimResult claim;
      try {
        claim = store.claim(key, clock.instant(), inProgressUntil);
      } catch (RuntimeException e) {
        return afterClaim(key, pending, null, e);
      }
      return afterClaim(key, pending, claim, null);
    }
    return storeCall(() -> store.claim(key, clock.instant(), inProgressUntil))
        .onItemOrFailure()
        .transformToUni((claim, failure) -> afterClaim(key, pending, claim, failure));
  }

  private Uni<WebhookResult> afterClaim(
      IdempotencyKey key, Triage.Pending pending, ClaimResult claim, Throwable failure) {
    EventHeader header = pending.header();
    if (failure instanceof IdempotencyStoreUnavailableException e) {
      LOG.warnf(
          "event %s: idempotency store unavailable (%s), asking for redelivery",
          header.eventId(), e.getMessage());
      return Uni.createFrom().item(STORE_UNAVAILABLE);
    }
    if (failure != null) {
      return Uni.createFrom().failure(failure);
    }
    return switch (claim) {
      case ClaimResult.Claimed claimed -> runClaimed(key, pending);
      case ClaimResult.Taken taken ->
          taken.status().isPresent()
              ? Uni.createFrom().item(duplicate(header, taken.status()))
              : storeCall(() -> duplicate(header, store.find(key, clock.instant())));
    };
  }

  /**
   * The answer to a delivery whose event another delivery holds. Only a completed event is
   * acknowledged: while the other delivery still runs it may yet fail and release the claim, and
   * Feishu, told 200 here, would never send the event again. A 503 costs one more redelivery
   * (Feishu's next comes 15 s or more later, long after the claim has settled).
   */
  private static WebhookResult duplicate(EventHeader header, Optional<ClaimStatus> holder) {
    return switch (holder.orElse(null)) {
      case ClaimStatus.Completed completed -> DUPLICATE;
      case ClaimStatus.InProgress inProgress -> {
        LOG.infof(
            "event %s: another delivery is running it, asking for redelivery", header.eventId());
        yield IN_PROGRESS_ELSEWHERE;
      }
      case null -> RELEASED_ELSEWHERE;
    };
  }

  /** Runs the work of an event this delivery has claimed, then completes or releases it. */
  private Uni<WebhookResult> runClaimed(IdempotencyKey key, Triage.Pending pending) {
    EventHeader header = pending.header();
    EventMessenger messenger =
        new EventMessenger(sender, pending.appId(), header.eventId(), pending.deadline());
    Timer.Sample sample = Timer.start(registry);
    // The work's item is not used: no stage is spent turning it into a Void.
    Uni<?> work =
        switch (pending.work()) {
          case Triage.RunCommand command -> commandExecution.run(pending, command, messenger);
          case Triage.RunEventHandler event -> runEventHandler(pending, event, messenger);
          case Triage.RunCardAction press ->
              Uni.createFrom()
                  .failure(new IllegalStateException("presses are run by CardActionExecution"));
        };
    String tag = pending.work().tag();
    if (!store.mayBlock()) {
      // The completion or release right in this stage: no stage for a store call that cannot block.
      return work.onItemOrFailure()
          .transform(
              (done, failure) -> {
                sample.stop(timer(tag));
                if (failure instanceof Error error) {
                  throw error;
                }
                return settle(key, header, tag, failure);
              });
    }
    return work.onItemOrFailure()
        .transformToUni(
            (done, failure) -> {
              sample.stop(timer(tag));
              if (failure instanceof Error error) {
                return Uni.createFrom().failure(error);
              }
              return storeCall(() -> settle(key, header, tag, failure));
            });
  }

  /**
   * Completes the claim of work that succeeded, or releases it and asks for a redelivery: a failed
   * event is never mistaken for a duplicate later.
   */
  private WebhookResult settle(
      IdempotencyKey key, EventHeader header, String tag, Throwable failure) {
    if (failure == null) {
      completeQuietly(key, header);
      return ACCEPTED;
    }
    releaseQuietly(key);
    if (failure instanceof JobRefusedException refused) {
      // Nothing ran. The redelivery posts the acknowledgement again with the same uuid, which
      // Feishu does not post twice, and hands the job over again.
      LOG.warnf(
          "event %s: its job was refused (%s), asking for redelivery",
          header.eventId(), refused.getMessage());
      return JOB_REFUSED;
    }
    // Exception text of our own types is payload-free; for others only the type.
    LOG.warnf(
        "event %s: %s failed (%s), asking for redelivery",
        header.eventId(), tag, FeishuApiException.describe(failure));
    return HANDLER_FAILED;
  }

  private Uni<Void> runEventHandler(
      Triage.Pending pending, Triage.RunEventHandler run, EventMessenger messenger) {
    EventHeader header = pending.header();
    HandlerContexts.OfEvent context =
        new HandlerContexts.OfEvent(
            header.eventId(), pending.appId(), header.tenantKey(), messenger);
    EventHandler<?> handler = run.handler();
    return BlockingWork.run(handler.mayBlock(), () -> handle(handler, run.event(), context))
        .chain(sent -> sent);
  }

  /** The router checked at startup that the handler's record is its type's record. */
  private static <E extends FeishuEvent> Uni<Void> handle(
      EventHandler<E> handler, FeishuEvent event, HandlerContexts.OfEvent context) {
    return handler.handle(handler.eventClass().cast(event), context);
  }

  /** A call to the idempotency store, off the event loop when the store may block. */
  private <T> Uni<T> storeCall(Supplier<T> call) {
    return BlockingWork.run(store.mayBlock(), call);
  }

  private void completeQuietly(IdempotencyKey key, EventHeader header) {
    try {
      store.complete(key, clock.instant(), Optional.empty());
    } catch (IdempotencyStoreUnavailableException e) {
      // What was sent is out. A redelivery after the claim lapses would rerun the handler, but its
      // messages carry the same uuids, so Feishu will not post them twice.
      LOG.warnf("event %s: could not mark as completed", header.eventId());
    }
  }

  /** The timer of one command's or event type's handling; tags are known names only. */
  private Timer timer(String tag) {
    return timers.computeIfAbsent(
        tag,
        name -> Timer.builder("feishu.command.duration").tag("command", name).register(registry));
  }

  private void releaseQuietly(IdempotencyKey key) {
    try {
      store.release(key);
    } catch (RuntimeException e) {
      // The claim lapses on its own at its in-progress expiry.
      LOG.warnf("could not release claim for event %s", key.eventId());
    }
  }
}
