package io.feishubot.webhook;

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

  static void clear() {
    MDC.remove(EVENT_ID);
    MDC.remove(EVENT_TYPE);
    MDC.remove(COMMAND);
    MDC.remove(OUTCOME);
    MDC.remove(DURATION_MS);
  }
}
