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
 * circuit breaker: a failing token endpoint does not count against replies, nor the reverse. The
 * numbers are in application.properties, under {@code
 * io.feishubot.outbound.TenantTokenEndpoint/fetch/<Annotation>/<parameter>}.
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
  @Retry
  @RetryWhen(exception = RetryableWithinBudget.class)
  @CustomBackoff(FeishuBackoff.class)
  @CircuitBreaker(
      failOn = {TransientFeishuException.class, TimeoutException.class},
      skipOn = RateLimitedFeishuException.class)
  @CircuitBreakerName(CIRCUIT)
  @Timeout
  @Bulkhead
  public TenantTokenResponse fetch(TenantTokenRequest request, Instant deadline) {
    return attempts.attempt(
        OpenApiEndpoint.TENANT_TOKEN, deadline, () -> api.tenantAccessToken(request));
  }
}
