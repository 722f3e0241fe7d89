package io.feishubot.alerts;

/**
 * The body is not an Alertmanager webhook payload the receiver can use. The message names what is
 * wrong, never a value from the body, so it is safe to log; callers get a generic 400 either way.
 */
public class MalformedNotificationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public MalformedNotificationException(String what) {
    super(what, null, false, false);
  }
}
