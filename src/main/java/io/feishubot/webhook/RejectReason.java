package io.feishubot.webhook;

/**
 * Why a delivery was refused, with the HTTP status it earns. The tag goes to logs and metrics;
 * callers only ever see the generic {@link #publicMessage()}.
 */
public enum RejectReason {
  MALFORMED(400, "malformed request", "not a Feishu delivery"),
  ENCRYPTED_WITHOUT_KEY(400, "malformed request", "encrypted, but no encrypt key is configured"),
  MISSING_SIGNATURE(401, "unauthorized", "signature headers missing"),
  BAD_SIGNATURE(
      401, "unauthorized", "event scheme: SHA-256 signature with the encrypt key did not verify"),
  BAD_LEGACY_SIGNATURE(
      401,
      "unauthorized",
      "legacy card callback scheme: SHA-1 signature with the verification token did not verify"),
  STALE_TIMESTAMP(401, "unauthorized", "timestamp outside the accepted window"),
  BAD_TOKEN(401, "unauthorized", "verification token does not match"),
  TOO_LARGE(413, "request too large", "body over the size limit");

  private final int status;
  private final String publicMessage;
  private final String detail;

  RejectReason(int status, String publicMessage, String detail) {
    this.status = status;
    this.publicMessage = publicMessage;
    this.detail = detail;
  }

  /** What failed, for the log line (never for the caller, who gets {@link #publicMessage()}). */
  public String detail() {
    return detail;
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
