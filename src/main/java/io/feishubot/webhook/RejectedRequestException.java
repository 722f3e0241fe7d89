package io.feishubot.webhook;

/** A delivery failed authentication or validation; carries the reason, never the payload. */
public class RejectedRequestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final RejectReason reason;

  public RejectedRequestException(RejectReason reason) {
    super(reason.tag(), null, false, false);
    this.reason = reason;
  }

  public RejectReason reason() {
    return reason;
  }
}
