package io.feishubot.testsupport;

import io.feishubot.message.Message;
import io.feishubot.router.CommandContext;
import io.feishubot.router.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/** Test only: a deferred command that would run for a minute under a timeout of one second. */
@ApplicationScoped
public class StuckJobCommand implements CommandHandler {

  @Override
  public String name() {
    return "test-stuck-job";
  }

  @Override
  public String description() {
    return "Test only: a job that exceeds its timeout";
  }

  @Override
  public boolean deferred() {
    return true;
  }

  @Override
  public Optional<Duration> jobTimeout() {
    return Optional.of(Duration.ofSeconds(1));
  }

  @Override
  public Message handle(CommandContext context) {
    JobRuns.started(context.eventId());
    try {
      Thread.sleep(60_000);
    } catch (InterruptedException e) {
      JobRuns.interrupted(context.eventId());
      Thread.currentThread().interrupt();
      return Message.text("should never be posted");
    }
    JobRuns.finished(context.eventId());
    return Message.text("should never be posted");
  }
}
