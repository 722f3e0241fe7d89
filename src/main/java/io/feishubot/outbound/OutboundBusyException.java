package io.feishubot.outbound;

/**
 * The bot's own limits leave no slot for a call before the event's deadline: the chat's send pace
 * ({@link ChatPacer}) or the cap on calls in flight ({@link DeadlineBulkhead}). The event is
 * answered 503 at once and Feishu redelivers it. Carries no payload or chat id: safe to log.
 */
public final class OutboundBusyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  OutboundBusyException(String what) {
    // Thrown under load, when a stack trace is least affordable and says nothing the message does
    // not.
    super(what, null, false, false);
  }
}
