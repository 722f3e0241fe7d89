package io.feishubot.router;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Provider;
import java.util.stream.Collectors;

/** {@code /help}: lists every registered command, so the list can never go stale. */
@ApplicationScoped
public class HelpCommand implements CommandHandler {

  // A provider, because the router itself is built from all handlers, this one included.
  private final Provider<CommandRouter> router;

  public HelpCommand(Provider<CommandRouter> router) {
    this.router = router;
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
  public Reply handle(CommandContext context) {
    String lines =
        router.get().commands().stream()
            .map(command -> "/" + command.name() + " - " + command.description())
            .collect(Collectors.joining("\n"));
    return Reply.text("Commands:\n" + lines);
  }

  /** Computed from the registered commands alone. */
  @Override
  public boolean mayBlock() {
    return false;
  }
}
