package io.feishubot.outbound;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
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
  @AsynchronousNonBlocking
  public Uni<Void> reply(String messageId, OutgoingMessage message, String uuid, Instant deadline) {
    ReplyRequest request = new ReplyRequest(message.msgType(), message.content(), false, uuid);
    return tokens
        .currentAsync(deadline)
        .chain(
            token ->
                endpoint
                    .reply(messageId, token, request, deadline)
                    .onFailure(TokenRejectedException.class)
                    .invoke(() -> tokens.invalidate(token)))
        .replaceWithVoid();
  }
}
