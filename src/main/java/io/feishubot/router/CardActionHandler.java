package io.feishubot.router;

import io.feishubot.message.CardAnswer;

/**
 * Answers one card action: the action name a button's callback {@code value} carries ({@code
 * {"action":"deploy.approve",…}}). Implement it as an {@code @ApplicationScoped} bean, one class
 * per action; the registry refuses to start when two claim the same name.
 *
 * <p>The answer goes back in the callback's HTTP response, which Feishu waits for 3 s and never
 * redelivers: a toast for the person who pressed, a new card for everyone, or both. A handler that
 * must change something once, whoever presses and however often, records it through {@link
 * CardActionContext#decisions()}.
 */
public interface CardActionHandler {

  /** The action name: lower case letters, digits, dots, dashes and underscores. */
  String action();

  /** Handles one press. Must finish well inside Feishu's 3 s. */
  CardAnswer handle(CardActionContext context);

  /** As {@link CommandHandler#mayBlock()}; a handler that records a decision may block. */
  default boolean mayBlock() {
    return true;
  }
}
