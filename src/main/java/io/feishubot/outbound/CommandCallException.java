package io.feishubot.outbound;

/**
 * A configured command's endpoint gave no usable answer. Carries the kind and the HTTP status only:
 * never the URL, the secret or the body.
 */
public class CommandCallException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** It answered with a status outside 2xx ({@link #status()}). */
    HTTP_STATUS,
    /** It did not answer, body included, within the command's timeout. */
    TIMEOUT,
    /** It could not be reached, or closed the connection without a whole answer. */
    UNREACHABLE,
    /** Its answer is over the size the bot reads. */
    TOO_LARGE,
    /** Too many command calls are in flight already (the bulkhead is full). */
    BUSY,
    /** Recent calls failed, and the circuit breaker holds calls back for a while. */
    CIRCUIT_OPEN
  }

  private final Kind kind;
  private final int status;

  public CommandCallException(Kind kind, int status) {
    super(kind + (status > 0 ? " " + status : ""), null, false, false);
    this.kind = kind;
    this.status = status;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status for {@link Kind#HTTP_STATUS}, else -1. */
  public int status() {
    return status;
  }

  /**
   * The endpoint is down or overwhelmed: no answer in time, unreachable, or a 5xx. These, and only
   * these, count as failures for the circuit breaker; a 4xx or an oversized answer says the
   * endpoint is up.
   */
  public static final class EndpointDown extends CommandCallException {

    private static final long serialVersionUID = 1L;

    public EndpointDown(Kind kind, int status) {
      super(kind, status);
    }
  }
}
