package io.feishubot.commands;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feishubot.feishu.MessageReceived;
import io.feishubot.router.CommandContext;

/**
 * The body a configured command POSTs: {@code
 * {"command","args","text","event_id","message_id","chat_id","chat_type","sender":{"open_id","user_id","union_id"}}}.
 * Ids Feishu did not send are {@code null}.
 */
final class CommandRequestJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CommandRequestJson() {}

  /**
   * @param text the command line as typed
   */
  static String body(CommandContext context, String text) {
    ObjectNode json = NODES.objectNode().put("command", context.command().name());
    context.command().arguments().forEach(json.putArray("args")::add);
    json.put("text", text)
        .put("event_id", context.eventId())
        .put("message_id", context.message().messageId())
        .put("chat_id", context.message().chatId())
        .put("chat_type", context.message().chatType());
    MessageReceived.Sender sender = context.sender();
    json.putObject("sender")
        .put("open_id", sender == null ? null : sender.openId())
        .put("user_id", sender == null ? null : sender.userId())
        .put("union_id", sender == null ? null : sender.unionId());
    return json.toString();
  }
}
