package io.feishubot.router;

import io.feishubot.message.Message;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code /ping}: the smallest round trip through verification, routing and the Open API. */
@ApplicationScoped
public class PingCommand implements CommandHandler {

  @Override
  public String name() {
    return "ping";
  }

  @Override
  public String description() {
    return "Check that the bot is alive (answers pong)";
  }

  @Override
  public Message handle(CommandContext context) {
    return Message.text("pong");
  }

  /** Computed from the context alone. */
  @Override
  public boolean mayBlock() {
    return false;
  }
}
