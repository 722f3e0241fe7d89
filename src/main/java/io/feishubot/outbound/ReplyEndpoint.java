package io.feishubot.outbound;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * {@code im/v1/messages/{id}/reply}, attempt by attempt: each attempt has its timeout, and
 * transient failures are retried while a retry still fits in the event's deadline. What guards a
 * whole reply (the circuit breaker, the cap on calls in flight, the per-chat pace) is {@link
 * OpenApiReplySender}'s. The numbers are in application.properties, under {@code
 * io.feishubot.outbound.ReplyEndpoint/reply/<Annotation>/<parameter>}; the annotations only say
 * what is retried and how.
 *
 * <p>Non-blocking: the policy runs on the thread that subscribes (the event loop that read the
 * event, usually), retries are scheduled on a timer rather than slept, and no thread waits for
 * Feishu's answer. A timed-out attempt is abandoned, not interrupted, so its connection stays open
 * until the answer or the client's read timeout.
 */
@ApplicationScoped
public class ReplyEndpoint {

  /**
   * Name of the replies' circuit breaker (on {@link OpenApiReplySender#reply}, around whole calls),
   * for {@code CircuitBreakerMaintenance}.
   */
  public static final String CIRCUIT = "feishu-reply";

  private final FeishuOpenApi api;
  private final OutboundAttempts attempts;

  public ReplyEndpoint(@RestClient FeishuOpenApi api, OutboundAttempts attempts) {
    this.api = api;
    this.attempts = attempts;
  }

  /**
   * Posts {@code request} as a reply to {@code messageId}, retrying transient failures until {@code
   * deadline}. Every attempt sends the same request, so the same {@code uuid}.
   *
   * @throws TokenRejectedException when Feishu refuses {@code token}; the caller refreshes it
   */
  @Retry
  @RetryWhen(exception = RetryableWithinBudget.class)
  @CustomBackoff(FeishuBackoff.class)
  @Timeout
  @AsynchronousNonBlocking
  public Uni<MessageResponse> reply(
      String messageId, String token, ReplyRequest request, Instant deadline) {
    byte[] body = request.toJson();
    return attempts.attemptAsync(
        OpenApiEndpoint.REPLY, deadline, () -> api.reply(messageId, "Bearer " + token, body));
  }
}
