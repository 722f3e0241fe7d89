package io.feishubot.outbound;

import io.feishubot.config.FeishuConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The time an event's outbound calls may take: everything must be over by the event's deadline
 * (receipt plus {@code feishu.ack-deadline}), so that Feishu gets its answer within 3 s.
 */
@ApplicationScoped
public class OutboundBudget {

  private final Clock clock;
  private final Duration minAttemptTime;

  @Inject
  public OutboundBudget(Clock clock, FeishuConfig config) {
    this(clock, config.outbound().minAttemptTime());
  }

  OutboundBudget(Clock clock, Duration minAttemptTime) {
    this.clock = clock;
    this.minAttemptTime = minAttemptTime;
  }

  /** Time left until {@code deadline}; negative once it has passed. */
  public Duration remaining(Instant deadline) {
    return Duration.between(clock.instant(), deadline);
  }

  /** Throws unless an attempt started now would have its full attempt time. */
  void requireAttemptTime(OpenApiEndpoint endpoint, Instant deadline) {
    Duration remaining = remaining(deadline);
    if (remaining.compareTo(minAttemptTime) < 0) {
      throw new OutboundDeadlineException(endpoint, remaining);
    }
  }

  /** The last moment an attempt may start and still have its full attempt time. */
  Instant latestAttemptStart(Instant deadline) {
    return deadline.minus(minAttemptTime);
  }

  /** How long from now a retry may still start with its full attempt time. */
  Duration retryWindow(Instant deadline) {
    return remaining(deadline).minus(minAttemptTime);
  }
}
