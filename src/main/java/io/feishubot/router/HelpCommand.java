package io.feishubot.router;

import io.feishubot.message.Message;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code /help}: a card listing every registered command. */
@ApplicationScoped
public class HelpCommand implements CommandHandler {

  private final CommandList commands;

  public HelpCommand(CommandList commands) {
    this.commands = commands;
  }

  @Override
  public String name() {
    return "help";
  }

  @Override
  public String description() {
    return "List the commands I understand";
  }

  @Override
  public Message handle(CommandContext context) {
    return commands.helpCard();
  }

  /** Computed from the registered commands alone. */
  @Override
  public boolean mayBlock() {
    return false;
  }
}
