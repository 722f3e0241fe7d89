package io.feishubot.webhook;

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
import io.feishubot.router.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

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

  /** Runs {@code command} for the event unless another delivery of it got there first. */
  public WebhookResult run(
      EventHeader header,
      String appId,
      MessageReceived received,
      CommandLine command,
      Instant deadline) {
    IdempotencyKey key = new IdempotencyKey(appId, header.eventId());
    // Unknown names are typed by users: keep them out of metric tags and log fields.
    String commandTag = router.knows(command.name()) ? command.name() : "unknown";
    MDC.put(LogFields.COMMAND, commandTag);
    ClaimResult claim;
    try {
      claim = store.claim(key, clock.instant(), deadline.plus(IN_PROGRESS_GRACE));
    } catch (IdempotencyStoreUnavailableException e) {
      LOG.warnf(
          "event %s: idempotency store unavailable (%s), asking for redelivery",
          header.eventId(), e.getMessage());
      return new WebhookResult.RetryLater("idempotency store unavailable");
    }
    if (!(claim instanceof ClaimResult.Claimed)) {
      return new WebhookResult.Acknowledged(WebhookResult.Outcome.DUPLICATE);
    }
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
    try {
      Reply reply = router.route(context);
      replies.reply(
          message.messageId(),
          new OutgoingMessage(reply.msgType(), reply.content()),
          ReplyIds.forEvent(appId, header.eventId()),
          deadline);
    } catch (RuntimeException e) {
      releaseQuietly(key);
      // Exception text of our own types is payload-free; for others only the type is logged.
      LOG.warnf(
          "event %s: command /%s failed (%s), asking for redelivery",
          header.eventId(), command.name(), FeishuApiException.describe(e));
      return new WebhookResult.RetryLater("command failed");
    } finally {
      sample.stop(commandTimer(commandTag));
    }
    try {
      store.complete(key, clock.instant(), Optional.empty());
    } catch (IdempotencyStoreUnavailableException e) {
      // The reply is out. A redelivery after the claim lapses would rerun the command, but its
      // reply carries the same uuid, so Feishu will not post it twice.
      LOG.warnf("event %s: could not mark as completed", header.eventId());
    }
    return new WebhookResult.Acknowledged(WebhookResult.Outcome.ACCEPTED);
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
