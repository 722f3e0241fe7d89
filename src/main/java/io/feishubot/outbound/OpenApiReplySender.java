package io.feishubot.outbound;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Instant;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Sends replies through the Open API with the shared tenant token: waits for the chat's send turn
 * ({@link ChatPacer}) and a free call slot ({@link DeadlineBulkhead}), then lets {@link
 * ReplyEndpoint} make the attempts. When Feishu rejects the token, the cached one is dropped and
 * the reply is retried once with a fresh one.
 *
 * <p>The circuit breaker is here, around whole calls, not around single attempts: it counts a call
 * as failed only once its retries are spent, so random per-attempt errors that the retries absorb
 * never open it, while an endpoint that fails every call opens it within a few calls. A rate limit
 * is never a failure ({@link RateLimitedFeishuException}); nor are our own refusals. Its numbers,
 * like every fault-tolerance number, are in application.properties under {@code
 * io.feishubot.outbound.OpenApiReplySender/reply/<Annotation>/<parameter>}.
 */
@ApplicationScoped
@Typed(OpenApiReplySender.class)
public class OpenApiReplySender implements ReplySender {

  private final ReplyEndpoint endpoint;
  private final TenantAccessTokens tokens;
  private final ChatPacer pacer;
  private final DeadlineBulkhead bulkhead;

  public OpenApiReplySender(
      ReplyEndpoint endpoint,
      TenantAccessTokens tokens,
      ChatPacer pacer,
      DeadlineBulkhead bulkhead) {
    this.endpoint = endpoint;
    this.tokens = tokens;
    this.pacer = pacer;
    this.bulkhead = bulkhead;
  }

  @Override
  @Retry(retryOn = TokenRejectedException.class)
  @CircuitBreaker(
      failOn = {TransientFeishuException.class, TimeoutException.class},
      skipOn = RateLimitedFeishuException.class)
  @CircuitBreakerName(ReplyEndpoint.CIRCUIT)
  @AsynchronousNonBlocking
  public Uni<Void> reply(
      String chatId, String messageId, OutgoingMessage message, String uuid, Instant deadline) {
    ReplyRequest request = new ReplyRequest(message.msgType(), message.content(), false, uuid);
    return pacer
        .awaitSlot(chatId, deadline)
        .chain(() -> tokens.currentAsync(deadline))
        .chain(
            token ->
                bulkhead.run(
                    deadline,
                    () ->
                        endpoint
                            .reply(messageId, token, request, deadline)
                            .onFailure(TokenRejectedException.class)
                            .invoke(() -> tokens.invalidate(token))))
        .replaceWithVoid();
  }
}
