package io.feishubot.testsupport;

import io.feishubot.message.Message;
import io.feishubot.router.CommandContext;
import io.feishubot.router.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test-only command that keeps the default {@code mayBlock() == true}, as a handler that calls
 * another system would, and records the thread each event ran on.
 */
@ApplicationScoped
public class ThreadRecordingCommand implements CommandHandler {

  private static final Map<String, String> THREAD_BY_EVENT = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return "test-thread";
  }

  @Override
  public String description() {
    return "Test only: a handler that may block";
  }

  @Override
  public Message handle(CommandContext context) {
    THREAD_BY_EVENT.put(context.eventId(), Thread.currentThread().getName());
    return Message.text("ran");
  }

  /** The name of the thread the handler ran on for {@code eventId}, or null if it did not run. */
  public static String threadOf(String eventId) {
    return THREAD_BY_EVENT.get(eventId);
  }
}
