package io.feishubot.outbound;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * {@code im/v1/messages/{id}/reply} behind its fault-tolerance policy. The values here are the
 * defaults; application.properties sets the ones in force, under {@code
 * io.feishubot.outbound.ReplyEndpoint/reply/<Annotation>/<parameter>}.
 *
 * <p>Non-blocking: the policy runs on the thread that subscribes (the event loop that read the
 * event, usually), retries are scheduled on a timer rather than slept, and no thread waits for
 * Feishu's answer. Two consequences of the asynchronous form, both bounded: a timed-out attempt is
 * abandoned, not interrupted, so its connection stays open until the answer or the client's read
 * timeout; and the bulkhead lets one call wait for a free slot (the least MicroProfile allows)
 * before it refuses the next.
 */
@ApplicationScoped
public class ReplyEndpoint {

  /** Name of this endpoint's circuit breaker, for {@code CircuitBreakerMaintenance}. */
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
  @Retry(maxRetries = 3, delay = 100, jitter = 0, maxDuration = 3000)
  @RetryWhen(exception = RetryableWithinBudget.class)
  @CustomBackoff(FeishuBackoff.class)
  @CircuitBreaker(
      requestVolumeThreshold = 10,
      failureRatio = 0.5,
      delay = 10_000,
      successThreshold = 1,
      failOn = {TransientFeishuException.class, TimeoutException.class})
  @CircuitBreakerName(CIRCUIT)
  @Timeout(800)
  @Bulkhead(value = 16, waitingTaskQueue = 1)
  @AsynchronousNonBlocking
  public Uni<MessageResponse> reply(
      String messageId, String token, ReplyRequest request, Instant deadline) {
    byte[] body = request.toJson();
    return attempts.attemptAsync(
        OpenApiEndpoint.REPLY, deadline, () -> api.reply(messageId, "Bearer " + token, body));
  }
}
