package io.feishubot.outbound;

/** Feishu refused the access token (99991663, 99991664, 99991671 or HTTP 401). */
public final class TokenRejectedException extends FeishuApiException {

  private static final long serialVersionUID = 1L;

  TokenRejectedException(OpenApiEndpoint endpoint, int httpStatus, int code, String feishuMessage) {
    super(endpoint, httpStatus, code, feishuMessage, null);
  }

  @Override
  public FailureKind kind() {
    return FailureKind.TOKEN_INVALID;
  }
}
