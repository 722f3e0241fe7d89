package io.feishubot.testsupport;

import io.feishubot.message.Message;
import io.feishubot.router.Access;
import io.feishubot.router.CommandContext;
import io.feishubot.router.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** Test only: a command only somebody else may run. */
@ApplicationScoped
public class RestrictedCommand implements CommandHandler {

  @Override
  public String name() {
    return "test-restricted";
  }

  @Override
  public String description() {
    return "Test only: limited to another user";
  }

  @Override
  public Access access() {
    return Access.forUsers(Set.of("ou_somebody_else"));
  }

  @Override
  public Message handle(CommandContext context) {
    JobRuns.started(context.eventId());
    return Message.text("ran");
  }
}
