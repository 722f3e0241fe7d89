package io.feishubot.webhook;

/**
 * Why a delivery was refused, with the HTTP status it earns. The tag goes to logs and metrics;
 * callers only ever see the generic {@link #publicMessage()}.
 */
public enum RejectReason {
  MALFORMED(400, "malformed request"),
  ENCRYPTED_WITHOUT_KEY(400, "malformed request"),
  MISSING_SIGNATURE(401, "unauthorized"),
  BAD_SIGNATURE(401, "unauthorized"),
  STALE_TIMESTAMP(401, "unauthorized"),
  BAD_TOKEN(401, "unauthorized"),
  TOO_LARGE(413, "request too large");

  private final int status;
  private final String publicMessage;

  RejectReason(int status, String publicMessage) {
    this.status = status;
    this.publicMessage = publicMessage;
  }

  public int status() {
    return status;
  }

  public String publicMessage() {
    return publicMessage;
  }

  /** The lower-case tag used in logs and metrics. */
  public String tag() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
