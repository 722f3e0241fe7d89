package io.feishubot.outbound;

/**
 * Alertmanager's API refused a call or could not be reached: one subtype per kind, so that the
 * fault-tolerance policy selects on the type. Carries the HTTP status only: Alertmanager's error
 * bodies quote the request (matchers, comment), so they are never kept.
 */
public abstract sealed class AlertmanagerApiException extends RuntimeException
    permits AlertmanagerApiException.Unavailable, AlertmanagerApiException.Refused {

  private static final long serialVersionUID = 1L;

  private final int httpStatus;

  private AlertmanagerApiException(String operation, int httpStatus) {
    super(
        "alertmanager "
            + operation
            + " failed: "
            + (httpStatus == 0 ? "no answer" : "HTTP " + httpStatus),
        null,
        false,
        false);
    this.httpStatus = httpStatus;
  }

  static AlertmanagerApiException of(String operation, int httpStatus) {
    boolean retryable =
        httpStatus == 0 || httpStatus >= 500 || httpStatus == 429 || httpStatus == 408;
    return retryable ? new Unavailable(operation, httpStatus) : new Refused(operation, httpStatus);
  }

  /** The HTTP status, or 0 when no answer arrived. */
  public int httpStatus() {
    return httpStatus;
  }

  /** No answer, or the server failed or was overloaded: worth another attempt soon. */
  public static final class Unavailable extends AlertmanagerApiException {
    private static final long serialVersionUID = 1L;

    Unavailable(String operation, int httpStatus) {
      super(operation, httpStatus);
    }
  }

  /** A 4xx: the same request would fail the same way. */
  public static final class Refused extends AlertmanagerApiException {
    private static final long serialVersionUID = 1L;

    Refused(String operation, int httpStatus) {
      super(operation, httpStatus);
    }
  }
}
