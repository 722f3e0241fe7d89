package io.feishubot.router;

import io.feishubot.message.Message;
import java.time.Duration;
import java.util.Optional;

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
   * reply). Unless the command is {@link #deferred()}, it must finish, reply included, well inside
   * Feishu's 3 s budget. More messages can be sent through {@link CommandContext#messenger()}.
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

  /**
   * Whether the command runs as a job after its delivery is acknowledged. Say {@code true} for
   * anything that may take longer than a second or two: the delivery is then claimed and answered
   * at once, with the {@link #acknowledgement} posted first, and {@link #handle} runs under {@link
   * #jobTimeout()} (exactly once, also when Feishu redelivers), its reply posted when it returns. A
   * job that throws or times out replies with an error naming the command.
   */
  default boolean deferred() {
    return false;
  }

  /**
   * For a {@link #deferred()} command: the reply posted before the job starts, such as "Deploying
   * api…" ({@link Message#none()} for none). Runs on the delivery's thread: compute it from the
   * context alone.
   */
  default Message acknowledgement(CommandContext context) {
    return Message.none();
  }

  /** For a {@link #deferred()} command: how long its job may run; empty for feishu.jobs.timeout. */
  default Optional<Duration> jobTimeout() {
    return Optional.empty();
  }

  /**
   * Who may run the command. {@code feishu.commands.<name>.allowed-chats} and {@code
   * allowed-users}, when set, replace it, so that operators can tighten it without a build.
   */
  default Access access() {
    return Access.ANYONE;
  }
}
