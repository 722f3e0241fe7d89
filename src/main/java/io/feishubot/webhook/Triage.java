package io.feishubot.webhook;

import io.feishubot.feishu.EventHeader;
import io.feishubot.feishu.MessageReceived;
import io.feishubot.router.CommandLine;
import java.time.Instant;

/**
 * What the first look at a delivery decided. Everything up to here is computation on the request
 * alone, so it can run on an I/O thread; only a command needs the idempotency store and the Open
 * API, which may block.
 */
public sealed interface Triage {

  /** The answer is known: a challenge, a rejection, or an event that needs no action. */
  record Answered(WebhookResult result) implements Triage {}

  /** An authenticated command from a user, to be run by {@link EventWebhook#execute}. */
  record CommandPending(
      EventHeader header,
      String appId,
      MessageReceived received,
      CommandLine command,
      Instant receivedAt,
      Instant deadline)
      implements Triage {}
}
