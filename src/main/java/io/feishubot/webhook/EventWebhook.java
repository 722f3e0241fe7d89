package io.feishubot.webhook;

import io.feishubot.config.FeishuConfig;
import io.feishubot.feishu.EncryptedEnvelope;
import io.feishubot.feishu.Envelope;
import io.feishubot.feishu.EventCallback;
import io.feishubot.feishu.EventHeader;
import io.feishubot.feishu.LegacyCardCallback;
import io.feishubot.feishu.UrlVerification;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The whole life of one delivery, independent of the runtime that carried it: authenticate, answer
 * a challenge, acknowledge what needs no action, and run handlers exactly once.
 */
@ApplicationScoped
public class EventWebhook {

  private static final Logger LOG = Logger.getLogger(EventWebhook.class);

  private static final Triage.Answered MALFORMED =
      new Triage.Answered(new WebhookResult.Acknowledged(WebhookResult.Outcome.MALFORMED));

  /** Larger bodies are refused before any work; real events are a few kilobytes. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  private final RequestAuthenticator authenticator;
  private final EventExecution execution;
  private final CardActionExecution cardActions;
  private final EventTriage rules;
  private final FeishuConfig config;
  private final Clock clock;
  private final EventMeters meters;

  public EventWebhook(
      RequestAuthenticator authenticator,
      EventExecution execution,
      CardActionExecution cardActions,
      EventTriage rules,
      FeishuConfig config,
      Clock clock,
      MeterRegistry registry) {
    this.authenticator = authenticator;
    this.execution = execution;
    this.cardActions = cardActions;
    this.rules = rules;
    this.config = config;
    this.clock = clock;
    this.meters = new EventMeters(registry);
  }

  /**
   * Authenticates a delivery and decides what it needs, without I/O: safe on an event loop. Only a
   * {@link Triage.Pending} has work left, for {@link #execute}. Never throws for anything the
   * caller sent.
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
   * Runs triaged work once: claims the event, runs its handler, sends what it sends. Never blocks
   * the subscribing thread: steps that may block move to a worker thread (see {@link
   * io.feishubot.concurrent.BlockingWork}).
   */
  public Uni<WebhookResult> execute(Triage.Pending pending) {
    EventHeader header = pending.header();
    String tag = pending.work().tag();
    return Uni.createFrom()
        .deferred(
            () -> {
              LogFields.putCommand(header, tag);
              return switch (pending.work()) {
                case Triage.RunCardAction press -> cardActions.run(pending, press);
                case Triage.RunCommand command -> execution.run(pending);
                case Triage.RunEventHandler event -> execution.run(pending);
              };
            })
        // One stage for the outcome line and the clean-up: each stage costs a context capture per
        // event (mutiny-smallrye-context-propagation, bench/jmh).
        .onTermination()
        .invoke(
            (result, failure, cancelled) -> {
              try {
                if (failure == null && !cancelled) {
                  // The steps may have run on other threads: name the event again for this line.
                  LogFields.putCommand(header, tag);
                  logOutcome(header.eventType(), header.eventId(), result, pending.receivedAt());
                }
              } finally {
                LogFields.clear();
              }
            });
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
    } catch (UnreadableDeliveryException e) {
      LOG.warnf("acknowledged an authentic delivery that cannot be read: %s", e.getMessage());
      logOutcome("unknown", "-", MALFORMED.result(), receivedAt);
      return MALFORMED;
    }
    return switch (envelope) {
      case UrlVerification challenge -> {
        meters.count("url_verification", "challenge", "none");
        LOG.info("answered a URL verification challenge");
        yield new Triage.Answered(new WebhookResult.Challenge(challenge.challenge()));
      }
      case EventCallback event -> triageEvent(event, receivedAt);
      case LegacyCardCallback legacy -> triageLegacy(legacy, receivedAt);
      case EncryptedEnvelope encrypted ->
          throw new IllegalStateException("the authenticator returns plaintext envelopes only");
    };
  }

  private Triage triageEvent(EventCallback callback, Instant receivedAt) {
    EventHeader header = callback.header();
    MDC.put(LogFields.EVENT_ID, header.eventId());
    MDC.put(LogFields.EVENT_TYPE, header.eventType());
    Triage triage = rules.event(header, callback.event(), receivedAt);
    if (triage instanceof Triage.Answered answered) {
      logOutcome(header.eventType(), header.eventId(), answered.result(), receivedAt);
    }
    return triage;
  }

  /** A legacy callback has no header: one is made up for its log lines and metrics. */
  private Triage triageLegacy(LegacyCardCallback legacy, Instant receivedAt) {
    EventHeader header =
        new EventHeader(
            "legacy-" + UUID.randomUUID(),
            LegacyCardCallback.EVENT_TYPE,
            null,
            config.appId().orElse(null),
            null,
            null);
    MDC.put(LogFields.EVENT_ID, header.eventId());
    MDC.put(LogFields.EVENT_TYPE, header.eventType());
    Triage triage = rules.legacy(header, legacy, receivedAt);
    if (triage instanceof Triage.Answered answered) {
      logOutcome(header.eventType(), header.eventId(), answered.result(), receivedAt);
    }
    return triage;
  }

  private WebhookResult rejected(RejectReason reason) {
    meters.count("unknown", "rejected", reason.tag());
    MDC.put(LogFields.OUTCOME, "rejected");
    LOG.warnf("rejected a delivery: %s (%s)", reason.tag(), reason.detail());
    return new WebhookResult.Rejected(reason);
  }

  private void logOutcome(String type, String eventId, WebhookResult result, Instant receivedAt) {
    record Described(String outcome, String reason, Logger.Level level) {}
    Described described =
        switch (result) {
          // Ignored events are most of the traffic in a busy chat and need no trace: they are
          // counted, and logged at DEBUG. Everything else is logged at INFO.
          case WebhookResult.Acknowledged acknowledged ->
              new Described(
                  acknowledged.outcome().tag(),
                  "none",
                  acknowledged.outcome() == WebhookResult.Outcome.IGNORED
                      ? Logger.Level.DEBUG
                      : Logger.Level.INFO);
          case WebhookResult.Rejected rejected ->
              new Described("rejected", rejected.reason().tag(), Logger.Level.INFO);
          case WebhookResult.RetryLater retry -> new Described("retry", "none", Logger.Level.INFO);
          case WebhookResult.Challenge challenge ->
              new Described("challenge", "none", Logger.Level.INFO);
          case WebhookResult.CallbackAnswer answer ->
              new Described(answer.outcome().tag(), "none", Logger.Level.INFO);
        };
    meters.count(type, described.outcome(), described.reason());
    Duration took = Duration.between(receivedAt, clock.instant());
    meters.recordDuration(type, described.outcome(), took);
    if (!LOG.isEnabled(described.level())) {
      return;
    }
    long millis = took.toMillis();
    MDC.put(LogFields.OUTCOME, described.outcome());
    MDC.put(LogFields.DURATION_MS, Long.toString(millis));
    LOG.logf(
        described.level(),
        "event %s type %s outcome %s%s in %d ms",
        eventId,
        type,
        described.outcome(),
        "none".equals(described.reason()) ? "" : " (" + described.reason() + ")",
        millis);
  }
}
