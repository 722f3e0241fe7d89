package io.feishubot.outbound;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * {@code auth/v3/tenant_access_token/internal} behind its own fault-tolerance policy, with its own
 * circuit breaker: a failing token endpoint does not count against replies, nor the reverse.
 * Settings under {@code io.feishubot.outbound.TenantTokenEndpoint/fetch/<Annotation>/<parameter>}.
 */
@ApplicationScoped
public class TenantTokenEndpoint {

  /** Name of this endpoint's circuit breaker, for {@code CircuitBreakerMaintenance}. */
  public static final String CIRCUIT = "feishu-tenant-token";

  private final FeishuOpenApi api;
  private final OutboundAttempts attempts;

  public TenantTokenEndpoint(@RestClient FeishuOpenApi api, OutboundAttempts attempts) {
    this.api = api;
    this.attempts = attempts;
  }

  /** Fetches a tenant access token, retrying transient failures until {@code deadline}. */
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
  @Bulkhead(4)
  public TenantTokenResponse fetch(TenantTokenRequest request, Instant deadline) {
    return attempts.attempt(
        OpenApiEndpoint.TENANT_TOKEN, deadline, () -> api.tenantAccessToken(request));
  }
}
