package io.feishubot.outbound;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Tight, fast fault-tolerance values for fault injection: short attempt timeouts, and enough
 * retries that only the event's deadline stops them. The circuit breaker is out of reach here;
 * {@link OutboundCircuitBreakerProfile} exercises it.
 */
public class OutboundFaultProfile implements QuarkusTestProfile {

  static final String REPLY = "io.feishubot.outbound.MessageEndpoint/call/";
  static final String CALL = "io.feishubot.outbound.MessageCalls/call/";
  static final String TOKEN = "io.feishubot.outbound.TenantTokenEndpoint/fetch/";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "feishu.outbound.min-attempt-time",
        "300ms",
        REPLY + "Timeout/value",
        "300",
        REPLY + "Retry/maxRetries",
        "10",
        CALL + "CircuitBreaker/requestVolumeThreshold",
        "1000",
        TOKEN + "Timeout/value",
        "300");
  }
}
