package io.feishubot.router;

import io.feishubot.feishu.BotAddedToChat;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** When the bot is added to a group, it posts one card there that lists its commands. */
@ApplicationScoped
public class WelcomeMessage implements EventHandler<BotAddedToChat> {

  private final CommandList commands;

  public WelcomeMessage(CommandList commands) {
    this.commands = commands;
  }

  @Override
  public String eventType() {
    return BotAddedToChat.EVENT_TYPE;
  }

  @Override
  public Class<BotAddedToChat> eventClass() {
    return BotAddedToChat.class;
  }

  @Override
  public Uni<Void> handle(BotAddedToChat event, EventContext context) {
    return context.messenger().sendToChat(event.chatId(), commands.welcomeCard()).replaceWithVoid();
  }

  /** Computed from the registered commands alone. */
  @Override
  public boolean mayBlock() {
    return false;
  }
}
