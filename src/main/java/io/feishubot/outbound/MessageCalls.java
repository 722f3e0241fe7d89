package io.feishubot.outbound;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.function.Function;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * One whole IM message call with the shared tenant token: waits for its turn in the chat (or on the
 * message) ({@link ChatPacer}) and a free call slot ({@link DeadlineBulkhead}), then lets {@link
 * MessageEndpoint} make the attempts. When Feishu rejects the token, the cached one is dropped and
 * the call is retried once with a fresh one.
 *
 * <p>The circuit breaker is here, around whole calls, not around single attempts: it counts a call
 * as failed only once its retries are spent, so random per-attempt errors that the retries absorb
 * never open it, while an endpoint that fails every call opens it within a few calls. A rate limit
 * is never a failure ({@link RateLimitedFeishuException}); nor are our own refusals. Its numbers,
 * like every fault-tolerance number, are in application.properties under {@code
 * io.feishubot.outbound.MessageCalls/call/<Annotation>/<parameter>}.
 */
@ApplicationScoped
public class MessageCalls {

  /** Name of the IM messages' circuit breaker, for {@code CircuitBreakerMaintenance}. */
  public static final String CIRCUIT = "feishu-messages";

  private final MessageEndpoint endpoint;
  private final TenantAccessTokens tokens;
  private final ChatPacer pacer;
  private final DeadlineBulkhead bulkhead;

  public MessageCalls(
      MessageEndpoint endpoint,
      TenantAccessTokens tokens,
      ChatPacer pacer,
      DeadlineBulkhead bulkhead) {
    this.endpoint = endpoint;
    this.tokens = tokens;
    this.pacer = pacer;
    this.bulkhead = bulkhead;
  }

  /**
   * Makes one call to {@code target}: {@code request} gets the {@code Authorization} header value.
   *
   * @param paceKey the chat the message goes to or is in, or the message when its chat is not
   *     known: sends into one chat (and updates of one message) are paced
   */
  @Retry(retryOn = TokenRejectedException.class)
  @CircuitBreaker(
      failOn = {TransientFeishuException.class, TimeoutException.class},
      skipOn = RateLimitedFeishuException.class)
  @CircuitBreakerName(CIRCUIT)
  @AsynchronousNonBlocking
  public Uni<MessageResponse> call(
      String paceKey,
      OpenApiEndpoint target,
      Instant deadline,
      Function<String, Uni<MessageResponse>> request) {
    return pacer
        .awaitSlot(paceKey, deadline)
        .chain(() -> tokens.currentAsync(deadline))
        .chain(
            token ->
                bulkhead.run(
                    deadline,
                    () ->
                        endpoint
                            .call(target, deadline, () -> request.apply("Bearer " + token))
                            .onFailure(TokenRejectedException.class)
                            .invoke(() -> tokens.invalidate(token))));
  }
}
