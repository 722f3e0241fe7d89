package io.feishubot.testsupport;

import io.feishubot.message.Message;
import io.feishubot.router.CommandContext;
import io.feishubot.router.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Test only: an inline command whose first run of an event waits until the test opens the gate and
 * then fails, as a handler whose backend breaks would; later runs of the event reply.
 */
@ApplicationScoped
public class FlakyInlineCommand implements CommandHandler {

  private static final Set<String> FAILED_ONCE = ConcurrentHashMap.newKeySet();
  private static volatile CountDownLatch started = new CountDownLatch(1);
  private static volatile CountDownLatch gate = new CountDownLatch(1);

  /** Arms the gate for the next first run. */
  public static void close() {
    started = new CountDownLatch(1);
    gate = new CountDownLatch(1);
  }

  /** Waits (at most 10 s) until a first run is holding the gate. */
  public static boolean awaitRunning() throws InterruptedException {
    return started.await(10, TimeUnit.SECONDS);
  }

  public static void open() {
    gate.countDown();
  }

  @Override
  public String name() {
    return "test-flaky-inline";
  }

  @Override
  public String description() {
    return "Test only: fails the first time, after the test lets it";
  }

  @Override
  public Message handle(CommandContext context) {
    if (FAILED_ONCE.add(context.eventId())) {
      started.countDown();
      try {
        gate.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("backend down");
    }
    return Message.text("flaky done");
  }
}
