package io.feishubot.router.deploy;

import io.feishubot.message.Message;
import io.feishubot.router.CommandContext;
import io.feishubot.router.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * {@code /deploy <service> [version]}: asks the chat to approve a deploy with a card. A demo of
 * card actions: it deploys nothing itself.
 */
@ApplicationScoped
public class DeployCommand implements CommandHandler {

  @Override
  public String name() {
    return "deploy";
  }

  @Override
  public String description() {
    return "Ask for approval to deploy a service: /deploy <service> [version]";
  }

  @Override
  public Message handle(CommandContext context) {
    List<String> arguments = context.command().arguments();
    if (arguments.isEmpty() || arguments.get(0).isBlank()) {
      return Message.text("Usage: /deploy <service> [version]");
    }
    String version = arguments.size() > 1 ? arguments.get(1) : "latest";
    return DeployCards.approval(
        new DeployRequest(arguments.get(0), version, context.sender().openId()));
  }

  /** Computed from the context alone. */
  @Override
  public boolean mayBlock() {
    return false;
  }
}
