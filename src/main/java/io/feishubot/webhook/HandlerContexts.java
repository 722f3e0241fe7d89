package io.feishubot.webhook;

import io.feishubot.feishu.CardActionTriggered;
import io.feishubot.feishu.MessageReceived;
import io.feishubot.feishu.UserIds;
import io.feishubot.router.CardActionContext;
import io.feishubot.router.CommandContext;
import io.feishubot.router.CommandLine;
import io.feishubot.router.Decisions;
import io.feishubot.router.EventContext;
import io.feishubot.router.Messenger;
import java.time.Instant;
import java.util.Map;

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

  record OfCardAction(
      String action,
      Map<String, String> arguments,
      UserIds operator,
      String openMessageId,
      String openChatId,
      CardActionTriggered.Action component,
      Instant receivedAt,
      String appId,
      Decisions decisions,
      Messenger messenger)
      implements CardActionContext {}

  record OfEvent(String eventId, String appId, String tenantKey, Messenger messenger)
      implements EventContext {}
}
