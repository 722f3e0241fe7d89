package io.feishubot.webhook;

import io.feishubot.config.FeishuConfig;
import io.feishubot.feishu.Envelope;
import io.feishubot.feishu.EventCallback;
import io.feishubot.feishu.EventHeader;
import io.feishubot.feishu.MalformedPayloadException;
import io.feishubot.feishu.MessageReceived;
import io.feishubot.feishu.UrlVerification;
import io.feishubot.router.CommandLine;
import io.feishubot.router.CommandLineParser;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The whole life of one delivery, independent of the runtime that carried it: authenticate, answer
 * a challenge, ignore what needs no action, and run commands exactly once.
 */
@ApplicationScoped
public class EventWebhook {

  private static final Logger LOG = Logger.getLogger(EventWebhook.class);

  private static final Triage.Answered IGNORED =
      new Triage.Answered(new WebhookResult.Acknowledged(WebhookResult.Outcome.IGNORED));

  /** Larger bodies are refused before any work; real events are a few kilobytes. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  private final RequestAuthenticator authenticator;
  private final CommandExecution execution;
  private final CommandLineParser commandLines;
  private final FeishuConfig config;
  private final Clock clock;
  private final EventMeters meters;

  public EventWebhook(
      RequestAuthenticator authenticator,
      CommandExecution execution,
      FeishuConfig config,
      Clock clock,
      MeterRegistry registry) {
    this.authenticator = authenticator;
    this.execution = execution;
    this.commandLines = new CommandLineParser(config.botOpenId());
    this.config = config;
    this.clock = clock;
    this.meters = new EventMeters(registry);
  }

  /**
   * Handles one delivery start to finish, waiting on the calling thread for a command to finish;
   * never throws for anything the caller sent. For callers without an event loop (benchmarks).
   */
  public WebhookResult handle(WebhookRequest request) {
    Triage triage = triage(request);
    return triage instanceof Triage.CommandPending pending
        ? execute(pending).await().indefinitely()
        : ((Triage.Answered) triage).result();
  }

  /**
   * Authenticates a delivery and decides what it needs, without I/O: safe on an event loop. Only a
   * {@link Triage.CommandPending} has work left, for {@link #execute}.
   */
  public Triage triage(WebhookRequest request) {
    try {
      return authenticateAndTriage(request);
    } finally {
      // Threads are pooled (and reused across Lambda invocations): no field may leak to the next.
      LogFields.clear();
    }
  }

  /**
   * Runs a triaged command: claims the event, runs the handler, sends the reply. Never blocks the
   * subscribing thread: steps that may block move to a worker thread (see {@link
   * io.feishubot.concurrent.BlockingWork}).
   */
  public Uni<WebhookResult> execute(Triage.CommandPending pending) {
    EventHeader header = pending.header();
    String commandTag = execution.tag(pending.command());
    return Uni.createFrom()
        .deferred(
            () -> {
              LogFields.putCommand(header, commandTag);
              return execution.run(pending, commandTag);
            })
        .invoke(
            result -> {
              // The steps may have run on other threads: name the event again for this line.
              LogFields.putCommand(header, commandTag);
              logOutcome(header, result, pending.receivedAt());
            })
        .eventually(LogFields::clear);
  }

  private Triage authenticateAndTriage(WebhookRequest request) {
    Instant receivedAt = clock.instant();
    if (request.body().length > MAX_BODY_BYTES) {
      return new Triage.Answered(rejected(RejectReason.TOO_LARGE));
    }
    Envelope envelope;
    try {
      envelope = authenticator.authenticate(request, receivedAt);
    } catch (RejectedRequestException e) {
      return new Triage.Answered(rejected(e.reason()));
    }
    if (envelope instanceof UrlVerification challenge) {
      meters.count("url_verification", "challenge", "none");
      LOG.info("answered a URL verification challenge");
      return new Triage.Answered(new WebhookResult.Challenge(challenge.challenge()));
    }
    EventCallback event = (EventCallback) envelope;
    MDC.put(LogFields.EVENT_ID, event.header().eventId());
    MDC.put(LogFields.EVENT_TYPE, event.header().eventType());
    Triage triage = triage(event, receivedAt);
    if (triage instanceof Triage.Answered answered) {
      logOutcome(event.header(), answered.result(), receivedAt);
    }
    return triage;
  }

  private Triage triage(EventCallback event, Instant receivedAt) {
    if (!MessageReceived.EVENT_TYPE.equals(event.header().eventType())) {
      // Acknowledged, not refused: a non-2xx would make Feishu redeliver it for hours.
      return IGNORED;
    }
    MessageReceived received;
    Optional<CommandLine> command;
    try {
      received = event.messageReceived();
      command = commandLines.parse(received.message());
    } catch (MalformedPayloadException e) {
      return new Triage.Answered(new WebhookResult.Rejected(RejectReason.MALFORMED));
    }
    if (received.sender() == null
        || !"user".equals(received.sender().senderType())
        || command.isEmpty()) {
      // Messages from apps and bots are never commands: answering them could start a loop.
      return IGNORED;
    }
    String appId =
        Optional.ofNullable(event.header().appId()).or(config::appId).orElse("unknown-app");
    return new Triage.CommandPending(
        event.header(),
        appId,
        received,
        command.get(),
        receivedAt,
        receivedAt.plus(config.ackDeadline()));
  }

  private WebhookResult rejected(RejectReason reason) {
    meters.count("unknown", "rejected", reason.tag());
    MDC.put(LogFields.OUTCOME, "rejected");
    LOG.warnf("rejected a delivery: %s", reason.tag());
    return new WebhookResult.Rejected(reason);
  }

  private void logOutcome(EventHeader header, WebhookResult result, Instant receivedAt) {
    String type = header.eventType();
    String outcome;
    String reason = "none";
    if (result instanceof WebhookResult.Acknowledged acknowledged) {
      outcome = acknowledged.outcome().tag();
    } else if (result instanceof WebhookResult.Rejected rejected) {
      outcome = "rejected";
      reason = rejected.reason().tag();
    } else {
      outcome = "retry";
    }
    meters.count(type, outcome, reason);
    Duration took = Duration.between(receivedAt, clock.instant());
    meters.recordDuration(type, outcome, took);
    // Ignored events are most of the traffic in a busy chat and need no trace: they are counted,
    // and logged at DEBUG. Commands, duplicates, rejections and retries are logged at INFO.
    Logger.Level level =
        result instanceof WebhookResult.Acknowledged acknowledged
                && acknowledged.outcome() == WebhookResult.Outcome.IGNORED
            ? Logger.Level.DEBUG
            : Logger.Level.INFO;
    if (!LOG.isEnabled(level)) {
      return;
    }
    long millis = took.toMillis();
    MDC.put(LogFields.OUTCOME, outcome);
    MDC.put(LogFields.DURATION_MS, Long.toString(millis));
    LOG.logf(
        level,
        "event %s type %s outcome %s%s in %d ms",
        header.eventId(),
        type,
        outcome,
        "none".equals(reason) ? "" : " (" + reason + ")",
        millis);
  }
}
