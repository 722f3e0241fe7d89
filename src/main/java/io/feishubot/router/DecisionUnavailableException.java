package io.feishubot.router;

/**
 * No decision could be recorded or read now: the store is unreachable, or another press of the same
 * subject holds it. Nothing was decided; the bot answers with an error toast asking to try again,
 * never a silent success.
 */
public class DecisionUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DecisionUnavailableException(String reason) {
    super(reason, null, false, false);
  }
}
