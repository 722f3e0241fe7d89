package io.feishubot.webhook;

import io.feishubot.config.FeishuConfig;
import io.feishubot.feishu.BotAddedToChat;
import io.feishubot.feishu.BotRemovedFromChat;
import io.feishubot.feishu.CardActionTriggered;
import io.feishubot.feishu.EventHeader;
import io.feishubot.feishu.FeishuEvent;
import io.feishubot.feishu.LegacyCardCallback;
import io.feishubot.feishu.MalformedPayloadException;
import io.feishubot.feishu.MessageReceived;
import io.feishubot.feishu.RawEvent;
import io.feishubot.feishu.UnreadableEvent;
import io.feishubot.message.CardAnswer;
import io.feishubot.message.Toast;
import io.feishubot.router.ActionRouter;
import io.feishubot.router.CommandLine;
import io.feishubot.router.CommandLineParser;
import io.feishubot.router.CommandRouter;
import io.feishubot.router.EventRouter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Decides what an authenticated event needs, without I/O: a command, an event handler or a card
 * action to run, or an answer now (ignored, malformed, an unknown action). The rules of which
 * events the bot acts on live here, apart from authentication and from running the work.
 */
@ApplicationScoped
public class EventTriage {

  private static final Logger LOG = Logger.getLogger(EventTriage.class);

  private static final Triage.Answered IGNORED =
      new Triage.Answered(new WebhookResult.Acknowledged(WebhookResult.Outcome.IGNORED));
  private static final Triage.Answered MALFORMED =
      new Triage.Answered(new WebhookResult.Acknowledged(WebhookResult.Outcome.MALFORMED));
  private static final Triage.Answered UNREADABLE_PRESS =
      new Triage.Answered(
          new WebhookResult.CallbackAnswer(
              WebhookResult.Outcome.MALFORMED,
              CardAnswer.of(Toast.error("This card action could not be read.")).toCallbackJson()));

  private final CommandLineParser commandLines;
  private final CommandRouter commands;
  private final EventRouter events;
  private final ActionRouter actions;
  // Read once, not per event: the mapping does not change while the application runs.
  private final String configuredAppId;
  private final Duration ackDeadline;

  public EventTriage(
      CommandRouter commands, EventRouter events, ActionRouter actions, FeishuConfig config) {
    this.commandLines = new CommandLineParser(config.botOpenId());
    this.commands = commands;
    this.events = events;
    this.actions = actions;
    this.configuredAppId = config.appId().orElse("unknown-app");
    this.ackDeadline = config.ackDeadline();
  }

  /** What an authenticated event needs: work for a handler, or an answer now. */
  Triage event(EventHeader header, FeishuEvent event, Instant receivedAt) {
    return switch (event) {
      case MessageReceived received -> triageMessage(header, received, receivedAt);
      case UnreadableEvent unreadable -> unreadable(unreadable);
      case BotAddedToChat added -> toHandler(header, added, receivedAt);
      case BotRemovedFromChat removed -> toHandler(header, removed, receivedAt);
      case CardActionTriggered action -> triagePress(header, action, false, receivedAt);
      case RawEvent raw -> toHandler(header, raw, receivedAt);
    };
  }

  private static Triage unreadable(UnreadableEvent unreadable) {
    // Acknowledged, not refused: a non-2xx would make Feishu redeliver it for hours. A press on a
    // card is answered, so that the person sees why nothing happened.
    LOG.warnf("acknowledged an event that cannot be read: %s", unreadable.problem());
    return CardActionTriggered.EVENT_TYPE.equals(unreadable.eventType())
            || LegacyCardCallback.EVENT_TYPE.equals(unreadable.eventType())
        ? UNREADABLE_PRESS
        : MALFORMED;
  }

  /** What a legacy callback needs: its press run, or an answer when it cannot be read. */
  Triage legacy(EventHeader header, LegacyCardCallback legacy, Instant receivedAt) {
    return switch (legacy.event()) {
      case CardActionTriggered press -> triagePress(header, press, true, receivedAt);
      default -> unreadable(new UnreadableEvent(LegacyCardCallback.EVENT_TYPE, "unreadable"));
    };
  }

  private Triage triagePress(
      EventHeader header, CardActionTriggered press, boolean legacy, Instant receivedAt) {
    Object named = press.action().value().get("action");
    String action = named instanceof String name ? name : null;
    return actions
        .handlerFor(action)
        .<Triage>map(
            handler ->
                pending(
                    header, new Triage.RunCardAction(press, action, handler, legacy), receivedAt))
        .orElseGet(
            () -> {
              LOG.infof(
                  "a card action nobody handles was pressed (%s)",
                  action == null ? "none" : "named");
              CardAnswer unknown =
                  CardAnswer.of(Toast.warning("This button's action is not known to this bot."));
              return new Triage.Answered(
                  new WebhookResult.CallbackAnswer(
                      WebhookResult.Outcome.IGNORED,
                      legacy ? unknown.toLegacyCallbackJson() : unknown.toCallbackJson()));
            });
  }

  private Triage toHandler(EventHeader header, FeishuEvent event, Instant receivedAt) {
    return events
        .handlerFor(event.eventType())
        .<Triage>map(
            handler -> pending(header, new Triage.RunEventHandler(event, handler), receivedAt))
        .orElse(IGNORED);
  }

  private Triage triageMessage(EventHeader header, MessageReceived received, Instant receivedAt) {
    if (received.sender() == null || !"user".equals(received.sender().senderType())) {
      // Messages from apps and bots are never commands: answering them could start a loop.
      return IGNORED;
    }
    Optional<CommandLine> command;
    try {
      command = commandLines.parse(received.message());
    } catch (MalformedPayloadException e) {
      LOG.warnf("acknowledged a message that cannot be read: %s", e.getMessage());
      return MALFORMED;
    } catch (RuntimeException e) {
      // A parser bug must not become a 500, which Feishu would redeliver for hours. The type
      // only: exception text can quote the message.
      LOG.errorf("acknowledged a message the parser failed on (%s)", e.getClass().getName());
      return MALFORMED;
    }
    if (command.isEmpty()) {
      return IGNORED;
    }
    String name = command.get().name();
    String tag = commands.knows(name) ? name : "unknown";
    return pending(header, new Triage.RunCommand(received, command.get(), tag), receivedAt);
  }

  private Triage.Pending pending(EventHeader header, Triage.Work work, Instant receivedAt) {
    String appId = header.appId() != null ? header.appId() : configuredAppId;
    return new Triage.Pending(header, appId, work, receivedAt, receivedAt.plus(ackDeadline));
  }
}
