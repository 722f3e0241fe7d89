package io.feishubot.testsupport;

import io.feishubot.message.Message;
import io.feishubot.router.CommandContext;
import io.feishubot.router.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;

/** Test only: a deferred command that throws, with payload in the exception's text. */
@ApplicationScoped
public class FailingJobCommand implements CommandHandler {

  public static final String SECRET_IN_MESSAGE = "payload-that-must-not-leak";

  @Override
  public String name() {
    return "test-failing-job";
  }

  @Override
  public String description() {
    return "Test only: a job that throws";
  }

  @Override
  public boolean deferred() {
    return true;
  }

  @Override
  public Message handle(CommandContext context) {
    JobRuns.started(context.eventId());
    throw new IllegalStateException("cannot deploy " + SECRET_IN_MESSAGE);
  }
}
