package io.feishubot.feishu;

/**
 * A delivery could not be decrypted or understood.
 *
 * <p>The message is always a short fixed phrase: callers log it, and a payload or key fragment in a
 * log line would leak user content or secrets.
 */
public class MalformedPayloadException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public MalformedPayloadException(String reason) {
    super(reason);
  }

  public MalformedPayloadException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
