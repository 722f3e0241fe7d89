package io.feishubot.outbound;

/**
 * Lambda did not accept an asynchronous invocation: one subtype per kind, so that the
 * fault-tolerance policy selects on the type. Carries the HTTP status only, never the payload (a
 * signed job) nor the service's message (which names the function's and role's ARNs).
 */
public abstract sealed class LambdaInvokeException extends RuntimeException
    permits LambdaInvokeException.Unavailable, LambdaInvokeException.Refused {

  private static final long serialVersionUID = 1L;

  private final int httpStatus;

  private LambdaInvokeException(int httpStatus) {
    super(
        "lambda invoke failed: " + (httpStatus == 0 ? "no answer" : "HTTP " + httpStatus),
        null,
        false,
        false);
    this.httpStatus = httpStatus;
  }

  static LambdaInvokeException of(int httpStatus) {
    boolean retryable =
        httpStatus == 0 || httpStatus >= 500 || httpStatus == 429 || httpStatus == 408;
    return retryable ? new Unavailable(httpStatus) : new Refused(httpStatus);
  }

  /** The HTTP status, or 0 when no answer arrived. */
  public int httpStatus() {
    return httpStatus;
  }

  /** No answer, throttled, or Lambda failed: worth another attempt at once. */
  public static final class Unavailable extends LambdaInvokeException {
    private static final long serialVersionUID = 1L;

    Unavailable(int httpStatus) {
      super(httpStatus);
    }
  }

  /**
   * Refused for good: no permission, no such function, a payload over 256 KB, or an answer other
   * than 202 Accepted.
   */
  public static final class Refused extends LambdaInvokeException {
    private static final long serialVersionUID = 1L;

    Refused(int httpStatus) {
      super(httpStatus);
    }
  }
}
