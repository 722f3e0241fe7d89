package io.feishubot.webhook;

import io.feishubot.feishu.MessageReceived;
import io.feishubot.router.CommandContext;
import io.feishubot.router.CommandLine;
import io.feishubot.router.EventContext;
import io.feishubot.router.Messenger;

/** The contexts handlers see; records here, interfaces to handlers, so fields can be added. */
final class HandlerContexts {

  private HandlerContexts() {}

  record OfCommand(
      CommandLine command,
      String eventId,
      String appId,
      MessageReceived.Message message,
      MessageReceived.Sender sender,
      Messenger messenger)
      implements CommandContext {}

  record OfEvent(String eventId, String appId, String tenantKey, Messenger messenger)
      implements EventContext {}
}
