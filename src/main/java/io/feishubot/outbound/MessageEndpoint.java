package io.feishubot.outbound;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * The IM message endpoints (reply, send, update) behind one fault-tolerance policy: they are one
 * Feishu service with one set of limits, so one breaker and one bulkhead guard them. The values
 * here are the defaults; application.properties sets the ones in force, under {@code
 * io.feishubot.outbound.MessageEndpoint/call/<Annotation>/<parameter>}.
 *
 * <p>Non-blocking: the policy runs on the thread that subscribes (the event loop that read the
 * event, usually), retries are scheduled on a timer rather than slept, and no thread waits for
 * Feishu's answer. Two consequences of the asynchronous form, both bounded: a timed-out attempt is
 * abandoned, not interrupted, so its connection stays open until the answer or the client's read
 * timeout; and the bulkhead lets one call wait for a free slot (the least MicroProfile allows)
 * before it refuses the next.
 */
@ApplicationScoped
public class MessageEndpoint {

  /** Name of this endpoint's circuit breaker, for {@code CircuitBreakerMaintenance}. */
  public static final String CIRCUIT = "feishu-messages";

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
  public Uni<MessageResponse> call(
      OpenApiEndpoint endpoint, Instant deadline, Supplier<Uni<MessageResponse>> request) {
    return attempts.attemptAsync(endpoint, deadline, request);
  }
}
