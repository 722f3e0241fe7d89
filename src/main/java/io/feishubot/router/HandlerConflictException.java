package io.feishubot.router;

/**
 * Two handlers claim one command name, event type or action, or a handler's key is not valid.
 * Thrown at startup, so a conflict stops the application instead of surfacing on the first event.
 */
public class HandlerConflictException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public HandlerConflictException(String message) {
    super(message);
  }

  /** The handler's class as its author wrote it, without the CDI client proxy's suffix. */
  static String nameOf(Object handler) {
    String name = handler.getClass().getName();
    return name.endsWith("_ClientProxy")
        ? name.substring(0, name.length() - "_ClientProxy".length())
        : name;
  }
}
