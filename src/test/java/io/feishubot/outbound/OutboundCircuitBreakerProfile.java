package io.feishubot.outbound;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The reply circuit breaker with its production window and threshold, so that tests measure what
 * production does, but a 3 s delay before it tries again instead of 10 s, to keep the test short.
 */
public class OutboundCircuitBreakerProfile implements QuarkusTestProfile {

  static final long DELAY_MILLIS = 3000;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(OutboundFaultProfile.CALL + "CircuitBreaker/delay", Long.toString(DELAY_MILLIS));
  }
}
