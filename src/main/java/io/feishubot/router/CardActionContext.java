package io.feishubot.router;

import io.feishubot.feishu.CardActionTriggered;
import io.feishubot.feishu.UserIds;
import java.time.Instant;
import java.util.Map;

/**
 * What a card action handler sees of the press that invoked it. An interface the bot implements, so
 * that new facts can be added without breaking any handler.
 */
public interface CardActionContext {

  /** The action name from the component's {@code value}. */
  String action();

  /** The rest of the component's {@code value}: the arguments the card put on it, as strings. */
  Map<String, String> arguments();

  /** Who pressed: open_id (always), user_id and union_id (when Feishu sends them). */
  UserIds operator();

  /** The card's message ({@code om_…}) and chat ({@code oc_…}); either may be null. */
  String openMessageId();

  String openChatId();

  /** The whole action as Feishu sent it: tag, name, form values, input, options, checked. */
  CardActionTriggered.Action component();

  /** When the press reached the bot. */
  Instant receivedAt();

  /** The app the callback was sent to ({@code cli_…}). */
  String appId();

  /** Records decisions that must happen once, whoever presses and however often. */
  Decisions decisions();

  /** Sends messages and updates cards, within the press's deadline. */
  Messenger messenger();
}
