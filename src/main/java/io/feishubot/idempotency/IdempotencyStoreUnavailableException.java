package io.feishubot.idempotency;

/**
 * The store could not say whether an event was already claimed. Events are never processed without
 * a claim, so this becomes a 503 and Feishu redelivers.
 */
public class IdempotencyStoreUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public IdempotencyStoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
