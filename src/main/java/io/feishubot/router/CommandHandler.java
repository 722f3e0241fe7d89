package io.feishubot.router;

import io.feishubot.message.Message;

/**
 * One chat command. Implement it as an {@code @ApplicationScoped} bean, one class per command; the
 * router finds every bean and refuses to start when two claim the same name.
 */
public interface CommandHandler {

  /** The name typed after the slash: lower case letters, digits and dashes. */
  String name();

  /** One line for {@code /help}. */
  String description();

  /**
   * Runs the command and returns the reply to post in its thread ({@link Message#none()} for no
   * reply). Must finish, reply included, well inside Feishu's 3 s budget. More messages can be sent
   * through {@link CommandContext#messenger()}.
   */
  Message handle(CommandContext context);

  /**
   * Whether {@link #handle} may block: do I/O, wait on a lock, sleep. Such a handler runs on a
   * worker thread. Say {@code false} only for a handler that computes its reply from the context
   * alone: it then runs on the I/O thread that read the event, with no thread hand-off.
   */
  default boolean mayBlock() {
    return true;
  }
}
