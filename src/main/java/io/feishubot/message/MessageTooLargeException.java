package io.feishubot.message;

/**
 * The rendered content is over Feishu's size limit for its {@code msg_type}. Thrown before anything
 * is sent, so the caller learns which message was too big instead of getting error 230025 back.
 * Carries sizes only, never the content, which may hold user data.
 */
public final class MessageTooLargeException extends RuntimeException {

  private final String msgType;
  private final int bytes;
  private final int limitBytes;

  public MessageTooLargeException(String msgType, int bytes, int limitBytes) {
    super(
        msgType
            + " content is "
            + bytes
            + " bytes (UTF-8); Feishu accepts at most "
            + limitBytes
            + " bytes ("
            + limitBytes / 1024
            + " KB) for "
            + msgType);
    this.msgType = msgType;
    this.bytes = bytes;
    this.limitBytes = limitBytes;
  }

  public String msgType() {
    return msgType;
  }

  public int bytes() {
    return bytes;
  }

  public int limitBytes() {
    return limitBytes;
  }
}
