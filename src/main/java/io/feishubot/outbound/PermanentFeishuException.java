package io.feishubot.outbound;

/**
 * Feishu refused the request for a reason a resend cannot fix (permission, bad request, message
 * gone): never retried.
 */
public final class PermanentFeishuException extends FeishuApiException {

  private static final long serialVersionUID = 1L;

  PermanentFeishuException(
      OpenApiEndpoint endpoint, int httpStatus, int code, String feishuMessage) {
    super(endpoint, httpStatus, code, feishuMessage, null);
  }

  @Override
  public FailureKind kind() {
    return FailureKind.PERMANENT;
  }
}
