package io.feishubot.testsupport;

import io.feishubot.message.Message;
import io.feishubot.router.CommandContext;
import io.feishubot.router.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Test only: a deferred command that holds its job thread until the test opens the gate. */
@ApplicationScoped
public class GatedJobCommand implements CommandHandler {

  private static volatile CountDownLatch gate = new CountDownLatch(0);

  /** Makes the next jobs wait until {@link #open()} (30 s at most). */
  public static void close() {
    gate = new CountDownLatch(1);
  }

  public static void open() {
    gate.countDown();
  }

  @Override
  public String name() {
    return "test-gated-job";
  }

  @Override
  public String description() {
    return "Test only: a job that waits for the test";
  }

  @Override
  public boolean deferred() {
    return true;
  }

  @Override
  public Message handle(CommandContext context) {
    JobRuns.started(context.eventId());
    try {
      gate.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
    JobRuns.finished(context.eventId());
    return Message.text("gated job done");
  }
}
