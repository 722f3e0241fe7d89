package io.feishubot.jobs;

/** A job could not be handed over now; a redelivery of its event will try again. */
public class JobRefusedException extends RuntimeException {

  /**
   * @param reason why, without payload or secrets
   */
  public JobRefusedException(String reason) {
    super(reason);
  }

  public JobRefusedException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
