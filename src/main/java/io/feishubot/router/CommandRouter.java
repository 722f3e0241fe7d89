package io.feishubot.router;

import io.feishubot.message.Message;
import io.quarkus.arc.All;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Maps command names to their handlers, the Java ones and those defined in configuration ({@link
 * CommandSettings}), and knows who may run each. Built eagerly at startup so that a duplicate or
 * malformed name, or a limit on a command that does not exist, stops the application instead of
 * surfacing on the first message.
 */
@Startup
@ApplicationScoped
public class CommandRouter {

  private static final Pattern VALID_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private final Map<String, CommandHandler> handlers = new TreeMap<>();
  private final Map<String, String> definedBy = new HashMap<>();
  private final Map<String, Access> access = new HashMap<>();

  /** The Java commands alone, with no settings from configuration. */
  public CommandRouter(List<CommandHandler> handlers) {
    this(handlers, List.of());
  }

  /**
   * The Java commands (every {@link CommandHandler} bean) and those defined in configuration, with
   * the configured limits on who may run them.
   *
   * @throws HandlerConflictException when two commands share a name or a name is not valid
   * @throws IllegalStateException when a limit is set for a command that does not exist
   */
  @Inject
  public CommandRouter(@All List<CommandHandler> handlers, @All List<CommandSettings> settings) {
    for (CommandHandler handler : handlers) {
      register(handler, HandlerConflictException.nameOf(handler));
    }
    for (CommandSettings source : settings) {
      for (CommandSettings.DefinedCommand defined : source.commands()) {
        register(defined.handler(), defined.definedBy());
      }
    }
    for (CommandHandler handler : this.handlers.values()) {
      access.put(handler.name(), handler.access());
    }
    for (CommandSettings source : settings) {
      source
          .access()
          .forEach(
              (name, setting) -> {
                Access declared = access.get(name);
                if (declared == null) {
                  // Fail closed: a typo in a limit's key must not leave the real command open.
                  throw new IllegalStateException(
                      setting.definedBy()
                          + " limits who may run /"
                          + name
                          + ", but there is no such command; known: "
                          + String.join(", ", this.handlers.keySet()));
                }
                access.put(name, setting.over(declared));
              });
    }
  }

  private void register(CommandHandler handler, String origin) {
    String name = handler.name();
    if (name == null || !VALID_NAME.matcher(name).matches()) {
      throw new HandlerConflictException(
          "command name '"
              + name
              + "' of "
              + origin
              + " is not valid: lower case letters, digits and dashes, not starting with a dash");
    }
    CommandHandler earlier = this.handlers.putIfAbsent(name, handler);
    if (earlier != null) {
      throw new HandlerConflictException(
          "command '" + name + "' is claimed by both " + definedBy.get(name) + " and " + origin);
    }
    definedBy.put(name, origin);
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
   * Who may run {@code name}: its handler's {@link CommandHandler#access()}, with each side that
   * {@code feishu.commands.<name>.allowed-chats} or {@code allowed-users} sets replaced. Anyone may
   * try an unknown name (the answer says it does not exist).
   */
  public Access accessOf(String name) {
    return access.getOrDefault(name, Access.ANYONE);
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
