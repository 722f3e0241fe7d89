package io.feishubot.testsupport;

import io.feishubot.message.Message;
import io.feishubot.router.CommandContext;
import io.feishubot.router.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Test only: a deferred command that works for 10 s, far past Feishu's 3 s, as a deploy would. The
 * sleep is the command's work under test, not a test waiting for something.
 */
@ApplicationScoped
public class SlowJobCommand implements CommandHandler {

  public static final long WORK_MILLIS = 10_000;

  @Override
  public String name() {
    return "test-slow";
  }

  @Override
  public String description() {
    return "Test only: a job of 10 s";
  }

  @Override
  public boolean deferred() {
    return true;
  }

  @Override
  public Message acknowledgement(CommandContext context) {
    return Message.text("Working on it…");
  }

  @Override
  public Message handle(CommandContext context) {
    JobRuns.started(context.eventId());
    try {
      Thread.sleep(WORK_MILLIS);
    } catch (InterruptedException e) {
      JobRuns.interrupted(context.eventId());
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
    JobRuns.finished(context.eventId());
    return Message.text("slow work done");
  }
}
