package io.feishubot.webhook;

import io.feishubot.config.FeishuConfig;
import io.feishubot.feishu.Envelope;
import io.feishubot.feishu.EventCallback;
import io.feishubot.feishu.MalformedPayloadException;
import io.feishubot.feishu.MessageReceived;
import io.feishubot.feishu.UrlVerification;
import io.feishubot.router.CommandLine;
import io.feishubot.router.CommandLineParser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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

  /** Larger bodies are refused before any work; real events are a few kilobytes. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  private final RequestAuthenticator authenticator;
  private final CommandExecution execution;
  private final CommandLineParser commandLines;
  private final FeishuConfig config;
  private final Clock clock;
  private final MeterRegistry registry;

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
    this.registry = registry;
  }

  /** Handles one delivery; never throws for anything the caller sent. */
  public WebhookResult handle(WebhookRequest request) {
    try {
      return authenticateAndDispatch(request);
    } finally {
      // Threads are pooled (and reused across Lambda invocations): no field may leak to the next.
      LogFields.clear();
    }
  }

  private WebhookResult authenticateAndDispatch(WebhookRequest request) {
    Instant receivedAt = clock.instant();
    if (request.body().length > MAX_BODY_BYTES) {
      return rejected(RejectReason.TOO_LARGE);
    }
    Envelope envelope;
    try {
      envelope = authenticator.authenticate(request, receivedAt);
    } catch (RejectedRequestException e) {
      return rejected(e.reason());
    }
    if (envelope instanceof UrlVerification challenge) {
      count("url_verification", "challenge", "none");
      LOG.info("answered a URL verification challenge");
      return new WebhookResult.Challenge(challenge.challenge());
    }
    EventCallback event = (EventCallback) envelope;
    MDC.put(LogFields.EVENT_ID, event.header().eventId());
    MDC.put(LogFields.EVENT_TYPE, event.header().eventType());
    WebhookResult result = dispatch(event, receivedAt.plus(config.ackDeadline()));
    logOutcome(event, result, receivedAt);
    return result;
  }

  private WebhookResult dispatch(EventCallback event, Instant deadline) {
    if (!MessageReceived.EVENT_TYPE.equals(event.header().eventType())) {
      // Acknowledged, not refused: a non-2xx would make Feishu redeliver it for hours.
      return new WebhookResult.Acknowledged(WebhookResult.Outcome.IGNORED);
    }
    MessageReceived received;
    Optional<CommandLine> command;
    try {
      received = MessageReceived.from(event.event());
      command = commandLines.parse(received.message());
    } catch (MalformedPayloadException e) {
      return new WebhookResult.Rejected(RejectReason.MALFORMED);
    }
    if (received.sender() == null
        || !"user".equals(received.sender().senderType())
        || command.isEmpty()) {
      // Messages from apps and bots are never commands: answering them could start a loop.
      return new WebhookResult.Acknowledged(WebhookResult.Outcome.IGNORED);
    }
    String appId =
        Optional.ofNullable(event.header().appId()).or(config::appId).orElse("unknown-app");
    return execution.run(event.header(), appId, received, command.get(), deadline);
  }

  private WebhookResult rejected(RejectReason reason) {
    count("unknown", "rejected", reason.tag());
    MDC.put(LogFields.OUTCOME, "rejected");
    LOG.warnf("rejected a delivery: %s", reason.tag());
    return new WebhookResult.Rejected(reason);
  }

  private void logOutcome(EventCallback event, WebhookResult result, Instant receivedAt) {
    String type = event.header().eventType();
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
    count(type, outcome, reason);
    Duration took = Duration.between(receivedAt, clock.instant());
    // The ack latency Feishu sees, minus transport; measured here so every runtime reports it.
    Timer.builder("feishu.events.duration")
        .tag("type", type)
        .tag("outcome", outcome)
        .register(registry)
        .record(took);
    long millis = took.toMillis();
    MDC.put(LogFields.OUTCOME, outcome);
    MDC.put(LogFields.DURATION_MS, Long.toString(millis));
    LOG.infof(
        "event %s type %s outcome %s%s in %d ms",
        event.header().eventId(),
        type,
        outcome,
        "none".equals(reason) ? "" : " (" + reason + ")",
        millis);
  }

  private void count(String type, String outcome, String reason) {
    Counter.builder("feishu.events")
        .tag("type", type)
        .tag("outcome", outcome)
        .tag("reason", reason)
        .register(registry)
        .increment();
  }
}
