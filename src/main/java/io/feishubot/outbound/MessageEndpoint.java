package io.feishubot.outbound;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The IM message endpoints (reply, send, update), attempt by attempt: each attempt has its timeout,
 * and transient failures are retried while a retry still fits in the event's deadline. What guards
 * a whole call (the circuit breaker, the cap on calls in flight, the per-chat pace) is {@link
 * MessageCalls}'. The numbers are in application.properties, under {@code
 * io.feishubot.outbound.MessageEndpoint/call/<Annotation>/<parameter>}; the annotations only say
 * what is retried and how.
 *
 * <p>Non-blocking: the policy runs on the thread that subscribes (the event loop that read the
 * event, usually), retries are scheduled on a timer rather than slept, and no thread waits for
 * Feishu's answer. A timed-out attempt is abandoned, not interrupted, so its connection stays open
 * until the answer or the client's read timeout.
 */
@ApplicationScoped
public class MessageEndpoint {

  private final OutboundAttempts attempts;

  public MessageEndpoint(OutboundAttempts attempts) {
    this.attempts = attempts;
  }

  /**
   * Makes {@code request} to {@code endpoint}, retrying transient failures until {@code deadline}.
   * Every attempt must send the same request, so the same {@code uuid}.
   *
   * @throws TokenRejectedException when Feishu refuses the token; the caller refreshes it
   */
  @Retry
  @RetryWhen(exception = RetryableWithinBudget.class)
  @CustomBackoff(FeishuBackoff.class)
  @Timeout
  @AsynchronousNonBlocking
  public Uni<MessageResponse> call(
      OpenApiEndpoint endpoint, Instant deadline, Supplier<Uni<MessageResponse>> request) {
    return attempts.attemptAsync(endpoint, deadline, request);
  }
}
