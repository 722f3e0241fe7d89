package io.feishubot.router;

import io.feishubot.message.Message;
import io.quarkus.arc.All;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Maps command names to their handlers. Built eagerly at startup so that a duplicate or malformed
 * name stops the application instead of surfacing on the first message.
 */
@Startup
@ApplicationScoped
public class CommandRouter {

  private static final Pattern VALID_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private final Map<String, CommandHandler> handlers = new TreeMap<>();

  public CommandRouter(@All List<CommandHandler> handlers) {
    for (CommandHandler handler : handlers) {
      String name = handler.name();
      if (name == null || !VALID_NAME.matcher(name).matches()) {
        throw new HandlerConflictException(
            "command name '"
                + name
                + "' of "
                + HandlerConflictException.nameOf(handler)
                + " is not valid");
      }
      CommandHandler earlier = this.handlers.putIfAbsent(name, handler);
      if (earlier != null) {
        throw new HandlerConflictException(
            "command '"
                + name
                + "' is claimed by both "
                + HandlerConflictException.nameOf(earlier)
                + " and "
                + HandlerConflictException.nameOf(handler));
      }
    }
  }

  /** Runs the command named in {@code context}, or answers that it does not exist. */
  public Message route(CommandContext context) {
    CommandHandler handler = handlers.get(context.command().name());
    if (handler == null) {
      return Message.text(
          "Unknown command /" + context.command().name() + ". Send /help to see what I can do.");
    }
    return handler.handle(context);
  }

  /** Every registered command, sorted by name. */
  public Collection<CommandHandler> commands() {
    return List.copyOf(handlers.values());
  }

  /**
   * Whether routing {@code name} may block: its handler says so. The answer to an unknown name is
   * computed here and never blocks.
   */
  public boolean mayBlock(String name) {
    CommandHandler handler = handlers.get(name);
    return handler != null && handler.mayBlock();
  }

  /**
   * Who may run {@code name}: its handler's {@link CommandHandler#access()}. Anyone may try an
   * unknown name (the answer says it does not exist).
   */
  public Access accessOf(String name) {
    CommandHandler handler = handlers.get(name);
    return handler == null ? Access.ANYONE : handler.access();
  }

  /** The handler registered under {@code name}, if any: a job looks its command up again. */
  public Optional<CommandHandler> handlerOf(String name) {
    return Optional.ofNullable(handlers.get(name));
  }

  /** Whether a handler is registered under {@code name}. */
  public boolean knows(String name) {
    return handlers.containsKey(name);
  }
}
