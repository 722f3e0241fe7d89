package io.feishubot.outbound;

import io.feishubot.config.FeishuConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The app's tenant access token, fetched once and shared until shortly before it expires.
 * Concurrent callers that find no fresh token wait for a single fetch instead of each starting one.
 */
@ApplicationScoped
public class TenantAccessTokens {

  private static final Logger LOG = Logger.getLogger(TenantAccessTokens.class);

  /**
   * Refetch this long before expiry. Feishu hands out a new token once less than 30 minutes remain,
   * so a refetch inside that window never gets the dying token back.
   */
  static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

  private final FeishuOpenApi api;
  private final FeishuConfig config;
  private final Clock clock;
  private final Counter fetches;
  private final ReentrantLock fetchLock = new ReentrantLock();
  private volatile CachedToken cached;

  TenantAccessTokens(
      @RestClient FeishuOpenApi api, FeishuConfig config, Clock clock, MeterRegistry registry) {
    this.api = api;
    this.config = config;
    this.clock = clock;
    this.fetches = Counter.builder("feishu.token.fetches").register(registry);
  }

  /** A token that is valid for at least {@link #REFRESH_BEFORE_EXPIRY}. */
  public String current() {
    CachedToken token = cached;
    if (token != null && token.isFreshAt(clock.instant())) {
      return token.value();
    }
    fetchLock.lock();
    try {
      token = cached;
      if (token == null || !token.isFreshAt(clock.instant())) {
        token = fetch();
        cached = token;
      }
      return token.value();
    } finally {
      fetchLock.unlock();
    }
  }

  /**
   * Forgets {@code rejected} after Feishu called it invalid, unless another caller already replaced
   * it; the next {@link #current()} fetches a new one.
   */
  public void invalidate(String rejected) {
    fetchLock.lock();
    try {
      CachedToken token = cached;
      if (token != null && token.value().equals(rejected)) {
        cached = null;
      }
    } finally {
      fetchLock.unlock();
    }
  }

  private CachedToken fetch() {
    String appId = config.appId().orElseThrow(() -> new IllegalStateException("no app id"));
    String appSecret =
        config.appSecret().orElseThrow(() -> new IllegalStateException("no app secret"));
    Instant requestedAt = clock.instant();
    fetches.increment();
    TenantTokenResponse response = api.tenantAccessToken(new TenantTokenRequest(appId, appSecret));
    if (response == null || response.code() != 0 || response.tenantAccessToken() == null) {
      int code = response == null ? -1 : response.code();
      String msg = response == null ? "empty answer" : response.msg();
      throw new FeishuApiException("tenant_access_token", 200, code, msg, null);
    }
    // Count the lifetime from before the request: the token may be that much older than it looks.
    Instant expiresAt = requestedAt.plusSeconds(response.expire());
    LOG.infof("fetched a tenant access token valid for %d s", response.expire());
    return new CachedToken(response.tenantAccessToken(), expiresAt.minus(REFRESH_BEFORE_EXPIRY));
  }

  private record CachedToken(String value, Instant refreshAt) {
    boolean isFreshAt(Instant now) {
      return now.isBefore(refreshAt);
    }

    @Override
    public String toString() {
      return "CachedToken[refreshAt=" + refreshAt + "]";
    }
  }
}
