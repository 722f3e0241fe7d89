package io.feishubot.outbound;

/**
 * The Open API said no, or could not be reached: one subtype per {@link FailureKind}, so that
 * fault-tolerance policies select on the type. Carries only the endpoint, HTTP status, Feishu's
 * {@code code} and {@code msg}, never a request body or token, so it is safe to log.
 */
public abstract sealed class FeishuApiException extends RuntimeException
    permits TransientFeishuException, TokenRejectedException, PermanentFeishuException {

  private static final long serialVersionUID = 1L;

  private final OpenApiEndpoint endpoint;
  private final int httpStatus;
  private final int code;

  FeishuApiException(
      OpenApiEndpoint endpoint, int httpStatus, int code, String feishuMessage, Throwable cause) {
    super(
        endpoint.tag()
            + " failed: HTTP "
            + httpStatus
            + ", code "
            + code
            + ", msg "
            + feishuMessage,
        cause);
    this.endpoint = endpoint;
    this.httpStatus = httpStatus;
    this.code = code;
  }

  public OpenApiEndpoint endpoint() {
    return endpoint;
  }

  /** The HTTP status, or 0 when no answer arrived. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Feishu's {@code code}, or -1 when the answer had none. */
  public int code() {
    return code;
  }

  public abstract FailureKind kind();

  /**
   * How an outbound failure may appear in a log: the text of our own exceptions (Feishu's code and
   * msg, never a body or token), and only the type of any other, whose text may quote input.
   */
  public static String describe(Throwable e) {
    return e instanceof FeishuApiException
            || e instanceof OutboundDeadlineException
            || e instanceof OutboundBusyException
        ? e.getMessage()
        : e.getClass().getSimpleName();
  }
}
