package io.feishubot.outbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Instant;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Sends replies through the Open API with the shared tenant token. When Feishu rejects the token,
 * the cached one is dropped and the reply is retried once with a fresh one; everything else about
 * retrying is {@link ReplyEndpoint}'s policy.
 */
@ApplicationScoped
@Typed(OpenApiReplySender.class)
public class OpenApiReplySender implements ReplySender {

  private final ReplyEndpoint endpoint;
  private final TenantAccessTokens tokens;

  public OpenApiReplySender(ReplyEndpoint endpoint, TenantAccessTokens tokens) {
    this.endpoint = endpoint;
    this.tokens = tokens;
  }

  @Override
  @Retry(maxRetries = 1, delay = 0, jitter = 0, retryOn = TokenRejectedException.class)
  public void reply(String messageId, OutgoingMessage message, String uuid, Instant deadline) {
    String token = tokens.current(deadline);
    try {
      endpoint.reply(
          messageId,
          token,
          new ReplyRequest(message.msgType(), message.content(), false, uuid),
          deadline);
    } catch (TokenRejectedException e) {
      tokens.invalidate(token);
      throw e;
    }
  }
}
