package io.feishubot.testsupport;

import io.feishubot.message.Message;
import io.feishubot.router.CommandContext;
import io.feishubot.router.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;

/** Test only: a deferred command that answers at once, and counts its runs. */
@ApplicationScoped
public class QuickJobCommand implements CommandHandler {

  @Override
  public String name() {
    return "test-quick-job";
  }

  @Override
  public String description() {
    return "Test only: a job that answers at once";
  }

  @Override
  public boolean deferred() {
    return true;
  }

  @Override
  public Message handle(CommandContext context) {
    JobRuns.started(context.eventId());
    JobRuns.finished(context.eventId());
    return Message.text("quick job done: " + String.join(" ", context.command().arguments()));
  }
}
