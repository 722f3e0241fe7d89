package io.feishubot.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

class FeishuBackoffTest {

  private static final Duration PLENTY = Duration.ofSeconds(10);

  @Test
  void doublesFromTheConfiguredDelay_withoutJitter() {
    FeishuBackoff backoff = new FeishuBackoff(base -> 0);
    backoff.init(100);
    assertThat(backoff.nextDelayInMillis(serverError(PLENTY))).isEqualTo(100);
    assertThat(backoff.nextDelayInMillis(serverError(PLENTY))).isEqualTo(200);
    assertThat(backoff.nextDelayInMillis(serverError(PLENTY))).isEqualTo(400);
  }

  @Test
  void addsAtMostHalfTheBaseAsJitter() {
    for (int i = 0; i < 200; i++) {
      FeishuBackoff backoff = new FeishuBackoff();
      backoff.init(100);
      assertThat(backoff.nextDelayInMillis(serverError(PLENTY))).isBetween(100L, 150L);
      assertThat(backoff.nextDelayInMillis(serverError(PLENTY))).isBetween(200L, 300L);
    }
  }

  @Test
  void waitsAtLeastTheRateLimitReset() {
    FeishuBackoff backoff = new FeishuBackoff(base -> base / 2);
    backoff.init(100);
    assertThat(backoff.nextDelayInMillis(rateLimited(Duration.ofSeconds(1), PLENTY)))
        .isEqualTo(1000);
  }

  @Test
  void neverWaitsPastTheDeadline() {
    FeishuBackoff backoff = new FeishuBackoff(base -> base / 2);
    backoff.init(400);
    assertThat(backoff.nextDelayInMillis(serverError(Duration.ofMillis(250)))).isEqualTo(250);
    assertThat(backoff.nextDelayInMillis(serverError(Duration.ofMillis(-5)))).isZero();
  }

  @Test
  void retriesATimedOutAttemptAtOnce() {
    FeishuBackoff backoff = new FeishuBackoff(base -> 0);
    backoff.init(100);
    assertThat(backoff.nextDelayInMillis(new TimeoutException())).isZero();
  }

  @Test
  void retriesOnlyWhatFitsInTheDeadline() {
    RetryableWithinBudget retryable = new RetryableWithinBudget();
    assertThat(retryable.test(serverError(Duration.ofMillis(10)))).isTrue();
    assertThat(retryable.test(serverError(Duration.ofMillis(-1)))).isFalse();
    assertThat(retryable.test(rateLimited(Duration.ofSeconds(1), Duration.ofMillis(1500))))
        .isTrue();
    assertThat(retryable.test(rateLimited(Duration.ofSeconds(5), Duration.ofMillis(1500))))
        .isFalse();
    assertThat(retryable.test(new TimeoutException())).isTrue();
    assertThat(
            retryable.test(
                new TokenRejectedException(OpenApiEndpoint.REPLY, 400, 99991663, "invalid")))
        .isFalse();
    assertThat(
            retryable.test(
                new PermanentFeishuException(OpenApiEndpoint.REPLY, 400, 230002, "not in chat")))
        .isFalse();
    assertThat(retryable.test(new OutboundDeadlineException(OpenApiEndpoint.REPLY, PLENTY)))
        .isFalse();
  }

  private static TransientFeishuException serverError(Duration window) {
    return new TransientFeishuException(OpenApiEndpoint.REPLY, 500, -1, "error", null, window);
  }

  private static TransientFeishuException rateLimited(Duration reset, Duration window) {
    return new TransientFeishuException(
        OpenApiEndpoint.REPLY, 429, 99991400, "request trigger frequency limit", reset, window);
  }
}
