package io.feishubot.webhook;

import io.feishubot.feishu.EventHeader;
import org.jboss.logging.MDC;

/**
 * The MDC keys of a delivery's log lines. In prod every line is a JSON object, and these fields
 * land under {@code mdc}, so ELK can filter by event, command or outcome. Values are identifiers
 * and tags only: never a message body, never a secret.
 */
public final class LogFields {

  public static final String EVENT_ID = "eventId";
  public static final String EVENT_TYPE = "eventType";
  public static final String COMMAND = "command";
  public static final String OUTCOME = "outcome";
  public static final String DURATION_MS = "durationMs";

  private LogFields() {}

  /** Names a command's event on the current thread's lines. */
  static void putCommand(EventHeader header, String commandTag) {
    MDC.put(EVENT_ID, header.eventId());
    MDC.put(EVENT_TYPE, header.eventType());
    MDC.put(COMMAND, commandTag);
  }

  static void clear() {
    MDC.remove(EVENT_ID);
    MDC.remove(EVENT_TYPE);
    MDC.remove(COMMAND);
    MDC.remove(OUTCOME);
    MDC.remove(DURATION_MS);
  }
}
