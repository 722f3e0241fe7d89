package io.feishubot.webhook;

import io.feishubot.concurrent.BlockingWork;
import io.feishubot.feishu.EventHeader;
import io.feishubot.feishu.MessageReceived;
import io.feishubot.idempotency.ClaimResult;
import io.feishubot.idempotency.IdempotencyKey;
import io.feishubot.idempotency.IdempotencyStore;
import io.feishubot.idempotency.IdempotencyStoreUnavailableException;
import io.feishubot.outbound.FeishuApiException;
import io.feishubot.outbound.OutgoingMessage;
import io.feishubot.outbound.ReplySender;
import io.feishubot.router.CommandContext;
import io.feishubot.router.CommandLine;
import io.feishubot.router.CommandRouter;
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
 * Runs one command exactly once per event: claim the event id, run the handler, deliver the reply,
 * then mark the event done. Any failure releases the claim and asks Feishu to redeliver, so a
 * failed event is never mistaken for a duplicate later.
 */
@ApplicationScoped
public class CommandExecution {

  private static final Logger LOG = Logger.getLogger(CommandExecution.class);

  /**
   * How long past the ack deadline a claim keeps blocking duplicates if its owner never finishes.
   * Feishu's first redelivery comes 15 s after a failure, well after this.
   */
  static final Duration IN_PROGRESS_GRACE = Duration.ofSeconds(2);

  private static final WebhookResult STORE_UNAVAILABLE =
      new WebhookResult.RetryLater("idempotency store unavailable");
  private static final WebhookResult COMMAND_FAILED =
      new WebhookResult.RetryLater("command failed");
  private static final WebhookResult DUPLICATE =
      new WebhookResult.Acknowledged(WebhookResult.Outcome.DUPLICATE);
  private static final WebhookResult ACCEPTED =
      new WebhookResult.Acknowledged(WebhookResult.Outcome.ACCEPTED);

  private final IdempotencyStore store;
  private final CommandRouter router;
  private final ReplySender replies;
  private final Clock clock;
  private final MeterRegistry registry;
  // One timer per command tag, looked up once (meter-id building showed in the /ping profile).
  private final ConcurrentMap<String, Timer> commandTimers = new ConcurrentHashMap<>();

  public CommandExecution(
      IdempotencyStore store,
      CommandRouter router,
      ReplySender replies,
      Clock clock,
      MeterRegistry registry) {
    this.store = store;
    this.router = router;
    this.replies = replies;
    this.clock = clock;
    this.registry = registry;
  }

  /**
   * Runs the pending command unless another delivery of its event got there first. Each step that
   * may block (a store that does I/O, a handler that does) moves off the event loop; the rest, the
   * reply included, runs on the subscribing thread.
   *
   * @param commandTag {@link #tag} of the command, which the caller also needs for its log line
   */
  public Uni<WebhookResult> run(Triage.CommandPending pending, String commandTag) {
    EventHeader header = pending.header();
    IdempotencyKey key = new IdempotencyKey(pending.appId(), header.eventId());
    Instant inProgressUntil = pending.deadline().plus(IN_PROGRESS_GRACE);
    return storeCall(() -> store.claim(key, clock.instant(), inProgressUntil))
        .onItemOrFailure()
        .transformToUni(
            (claim, failure) -> {
              if (failure instanceof IdempotencyStoreUnavailableException e) {
                LOG.warnf(
                    "event %s: idempotency store unavailable (%s), asking for redelivery",
                    header.eventId(), e.getMessage());
                return Uni.createFrom().item(STORE_UNAVAILABLE);
              }
              if (failure != null) {
                return Uni.createFrom().failure(failure);
              }
              if (!(claim instanceof ClaimResult.Claimed)) {
                return Uni.createFrom().item(DUPLICATE);
              }
              return runClaimed(key, pending, commandTag);
            });
  }

  /** Routes and replies for an event this delivery has claimed, then completes or releases it. */
  private Uni<WebhookResult> runClaimed(
      IdempotencyKey key, Triage.CommandPending pending, String commandTag) {
    EventHeader header = pending.header();
    CommandLine command = pending.command();
    MessageReceived received = pending.received();
    MessageReceived.Message message = received.message();
    CommandContext context =
        new CommandContext(
            command,
            header.eventId(),
            message.messageId(),
            message.chatId(),
            message.chatType(),
            received.sender() == null ? null : received.sender().openId());
    Timer.Sample sample = Timer.start(registry);
    return BlockingWork.run(router.mayBlock(command.name()), () -> router.route(context))
        .chain(
            reply ->
                replies.reply(
                    message.chatId(),
                    message.messageId(),
                    new OutgoingMessage(reply.msgType(), reply.content()),
                    ReplyIds.forEvent(pending.appId(), header.eventId()),
                    pending.deadline()))
        .onItemOrFailure()
        .transformToUni(
            (sent, failure) -> {
              sample.stop(commandTimer(commandTag));
              if (failure instanceof Error error) {
                return Uni.createFrom().failure(error);
              }
              if (failure == null) {
                return storeCall(
                    () -> {
                      completeQuietly(key, header);
                      return ACCEPTED;
                    });
              }
              // Exception text of our own types is payload-free; for others only the type.
              LOG.warnf(
                  "event %s: command /%s failed (%s), asking for redelivery",
                  header.eventId(), command.name(), FeishuApiException.describe(failure));
              return storeCall(
                  () -> {
                    releaseQuietly(key);
                    return COMMAND_FAILED;
                  });
            });
  }

  /** A call to the idempotency store, off the event loop when the store may block. */
  private <T> Uni<T> storeCall(Supplier<T> call) {
    return BlockingWork.run(store.mayBlock(), call);
  }

  private void completeQuietly(IdempotencyKey key, EventHeader header) {
    try {
      store.complete(key, clock.instant(), Optional.empty());
    } catch (IdempotencyStoreUnavailableException e) {
      // The reply is out. A redelivery after the claim lapses would rerun the command, but its
      // reply carries the same uuid, so Feishu will not post it twice.
      LOG.warnf("event %s: could not mark as completed", header.eventId());
    }
  }

  /**
   * The command's name for metric tags and log fields: unknown names are typed by users, so they
   * all become "unknown".
   */
  String tag(CommandLine command) {
    return router.knows(command.name()) ? command.name() : "unknown";
  }

  /** The timer of one command's handler and reply; {@code tag} is a known name or "unknown". */
  private Timer commandTimer(String tag) {
    return commandTimers.computeIfAbsent(
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
