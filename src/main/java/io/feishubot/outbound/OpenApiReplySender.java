package io.feishubot.outbound;

import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Sends replies through the Open API with the shared tenant token. */
public class OpenApiReplySender implements ReplySender {

  private final FeishuOpenApi api;
  private final TenantAccessTokens tokens;

  public OpenApiReplySender(@RestClient FeishuOpenApi api, TenantAccessTokens tokens) {
    this.api = api;
    this.tokens = tokens;
  }

  @Override
  public void reply(String messageId, OutgoingMessage message, String uuid) {
    String token = tokens.current();
    MessageResponse response =
        api.reply(
            messageId,
            "Bearer " + token,
            new ReplyRequest(message.msgType(), message.content(), false, uuid));
    if (response == null || response.code() != 0) {
      throw new FeishuApiException(
          "im/v1/messages/reply",
          200,
          response == null ? -1 : response.code(),
          response == null ? "empty answer" : response.msg(),
          null);
    }
  }
}
