package io.feishubot.outbound;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A reply circuit that opens after four failed attempts and tries again after three seconds. */
public class OutboundCircuitBreakerProfile implements QuarkusTestProfile {

  static final long DELAY_MILLIS = 3000;

  @Override
  public Map<String, String> getConfigOverrides() {
    String breaker = OutboundFaultProfile.REPLY + "CircuitBreaker/";
    return Map.of(
        breaker + "requestVolumeThreshold", "4",
        breaker + "failureRatio", "1.0",
        breaker + "delay", Long.toString(DELAY_MILLIS),
        breaker + "successThreshold", "1");
  }
}
