package io.feishubot.webhook;

import io.feishubot.feishu.CardActionTriggered;
import io.feishubot.feishu.EventHeader;
import io.feishubot.feishu.FeishuEvent;
import io.feishubot.feishu.MessageReceived;
import io.feishubot.router.CardActionHandler;
import io.feishubot.router.CommandLine;
import io.feishubot.router.EventHandler;
import java.time.Instant;

/**
 * What the first look at a delivery decided. Everything up to here is computation on the request
 * alone, so it can run on an I/O thread; only work for a handler needs the idempotency store and
 * the Open API, which may block.
 */
public sealed interface Triage {

  /** The answer is known: a challenge, a rejection, or an event that needs no action. */
  record Answered(WebhookResult result) implements Triage {}

  /**
   * An authenticated event with work for a handler, to be run once by {@link EventWebhook#execute}.
   */
  record Pending(EventHeader header, String appId, Work work, Instant receivedAt, Instant deadline)
      implements Triage {}

  /** The work a pending event carries. */
  sealed interface Work {

    /** The name under which the work is timed and logged: a command name or an event type. */
    String tag();
  }

  /**
   * A command from a user.
   *
   * @param tag the command's name if a handler has it, else "unknown" (names are user input)
   */
  record RunCommand(MessageReceived received, CommandLine command, String tag) implements Work {}

  /**
   * A press on a card, answered in the HTTP response.
   *
   * @param legacy a {@code card.action.trigger_v1} callback: no event id to claim, and its own
   *     answer shape
   */
  record RunCardAction(
      CardActionTriggered event, String action, CardActionHandler handler, boolean legacy)
      implements Work {

    @Override
    public String tag() {
      return action;
    }
  }

  /** An event with a handler of its type. */
  record RunEventHandler(FeishuEvent event, EventHandler<?> handler) implements Work {

    @Override
    public String tag() {
      return event.eventType();
    }
  }
}
