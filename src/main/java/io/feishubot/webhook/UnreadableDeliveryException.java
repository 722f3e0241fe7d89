package io.feishubot.webhook;

/**
 * An authentic delivery (its signature checked out) that cannot be decrypted or parsed. It will
 * never become readable, so it is acknowledged and counted, not refused: a refusal would only make
 * Feishu redeliver it for hours. Carries a fixed phrase, never the payload.
 */
public class UnreadableDeliveryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UnreadableDeliveryException(String problem) {
    super(problem, null, false, false);
  }
}
