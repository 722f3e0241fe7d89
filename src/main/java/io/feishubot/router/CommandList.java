package io.feishubot.router;

import io.feishubot.message.Card;
import io.feishubot.message.Card.HeaderColor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Provider;
import java.util.stream.Collectors;

/**
 * The cards that list the bot's commands ({@code /help} and the welcome message), built from the
 * registered commands so that they can never go stale.
 */
@ApplicationScoped
public class CommandList {

  // A provider, because the router is built from all handlers, /help included, which need this.
  private final Provider<CommandRouter> router;

  public CommandList(Provider<CommandRouter> router) {
    this.router = router;
  }

  /** The {@code /help} answer: every command with its description. */
  public Card helpCard() {
    return Card.builder().header("Commands", HeaderColor.BLUE).markdown(commandLines()).build();
  }

  /** Posted once when the bot joins a group. */
  public Card welcomeCard() {
    return Card.builder()
        .header("Hello! I'm your ChatOps bot", HeaderColor.TURQUOISE)
        .markdown("Mention me with a command, or send it to me directly. What I understand:")
        .divider()
        .markdown(commandLines())
        .build();
  }

  private String commandLines() {
    return router.get().commands().stream()
        .map(command -> "**/" + command.name() + "** — " + command.description())
        .collect(Collectors.joining("\n"));
  }
}
