package io.feishubot.router;

import io.feishubot.feishu.MessageReceived;
import java.util.List;

/**
 * What a command handler sees of the message that invoked it. An interface the bot implements, so
 * that new facts can be added without breaking any handler.
 */
public interface CommandContext {

  /** The command as typed: name, arguments, argument text. */
  CommandLine command();

  /** The event's id: the idempotency key of this run. */
  String eventId();

  /** The app the event was sent to ({@code cli_…}). */
  String appId();

  /**
   * The message: its id, root, parent and thread ids, chat id and type ({@code p2p} or {@code
   * group}), message type and raw content.
   */
  MessageReceived.Message message();

  /** Who sent it: open_id, user_id, union_id (each may be null) and tenant key. */
  MessageReceived.Sender sender();

  /** Everyone mentioned in the message, the bot included, with their ids. */
  default List<MessageReceived.Mention> mentions() {
    return message().mentions();
  }

  /** Sends, replies and updates cards on behalf of this event. */
  Messenger messenger();
}
