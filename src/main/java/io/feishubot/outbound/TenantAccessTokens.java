package io.feishubot.outbound;

import io.feishubot.concurrent.BlockingWork;
import io.feishubot.config.FeishuConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The app's tenant access token, fetched once and shared until shortly before it expires.
 * Concurrent callers that find no fresh token wait for a single fetch instead of each starting one,
 * and a token Feishu rejected is replaced by exactly one new fetch however many callers saw it
 * rejected. The token itself is never logged.
 */
@ApplicationScoped
public class TenantAccessTokens {

  private static final Logger LOG = Logger.getLogger(TenantAccessTokens.class);

  /**
   * Refetch this long before expiry. Feishu hands out a new token once less than 30 minutes remain,
   * so a refetch inside that window never gets the dying token back.
   */
  static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

  /** How long the startup fetch may take, retries included. */
  static final Duration STARTUP_FETCH_BUDGET = Duration.ofSeconds(5);

  private final TenantTokenEndpoint endpoint;
  private final OutboundBudget budget;
  private final FeishuConfig config;
  private final Clock clock;
  private final Counter fetches;
  private final Counter invalidations;
  private final ReentrantLock fetchLock = new ReentrantLock();
  // Written under fetchLock; cleared without it (compare-and-set), so a rejection never waits.
  private final AtomicReference<CachedToken> cached = new AtomicReference<>();

  TenantAccessTokens(
      TenantTokenEndpoint endpoint,
      OutboundBudget budget,
      FeishuConfig config,
      Clock clock,
      MeterRegistry registry) {
    this.endpoint = endpoint;
    this.budget = budget;
    this.config = config;
    this.clock = clock;
    this.fetches =
        Counter.builder("feishu.token.fetches")
            .description("Tenant access token fetches")
            .register(registry);
    this.invalidations =
        Counter.builder("feishu.token.invalidations")
            .description("Cached tenant access tokens dropped after Feishu rejected them")
            .register(registry);
  }

  /**
   * A token that is valid for at least {@link #REFRESH_BEFORE_EXPIRY}, fetched before {@code
   * deadline} if none is cached.
   *
   * @throws OutboundDeadlineException when another caller's fetch outlasts {@code deadline}
   */
  public String current(Instant deadline) {
    String fresh = freshToken();
    if (fresh != null) {
      return fresh;
    }
    lockBefore(deadline);
    try {
      fresh = freshToken();
      if (fresh != null) {
        return fresh;
      }
      CachedToken token = fetch(deadline);
      cached.set(token);
      return token.value();
    } finally {
      fetchLock.unlock();
    }
  }

  /**
   * {@link #current} for a caller that must not block: the cached token at once while it is fresh
   * (nearly always), otherwise the shared fetch, waited for on a worker thread.
   */
  public Uni<String> currentAsync(Instant deadline) {
    String fresh = freshToken();
    return fresh != null
        ? Uni.createFrom().item(fresh)
        : BlockingWork.run(true, () -> current(deadline));
  }

  /** The cached token while it is fresh, else null. */
  private String freshToken() {
    CachedToken token = cached.get();
    return token != null && token.isFreshAt(clock.instant()) ? token.value() : null;
  }

  /**
   * Fetches the first token while the instance starts, not inside the first event's 3 s: the first
   * call also warms the HTTP client. It runs beside startup rather than in it, so the port opens
   * without waiting for Feishu; an event that needs the token meanwhile waits for this same fetch
   * (single flight). A failure is only logged; the first event fetches again.
   */
  void prefetch(@Observes StartupEvent started) {
    if (config.dryRunEffective()) {
      return;
    }
    Thread prefetch =
        new Thread(
            () -> {
              try {
                current(clock.instant().plus(STARTUP_FETCH_BUDGET));
              } catch (RuntimeException e) {
                LOG.warnf(
                    "could not fetch a tenant access token at startup (%s)",
                    FeishuApiException.describe(e));
              }
            },
            "feishu-token-prefetch");
    prefetch.setDaemon(true);
    prefetch.start();
  }

  /**
   * Forgets {@code rejected} after Feishu called it invalid, unless another caller already replaced
   * it; the next {@link #current} fetches a new one.
   */
  public void invalidate(String rejected) {
    CachedToken token = cached.get();
    if (token != null && token.value().equals(rejected) && cached.compareAndSet(token, null)) {
      invalidations.increment();
    }
  }

  private void lockBefore(Instant deadline) {
    Duration remaining = budget.remaining(deadline);
    boolean locked;
    try {
      locked = fetchLock.tryLock(Math.max(0, remaining.toMillis()), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      locked = false;
    }
    if (!locked) {
      throw new OutboundDeadlineException(OpenApiEndpoint.TENANT_TOKEN, remaining);
    }
  }

  private CachedToken fetch(Instant deadline) {
    String appId = config.appId().orElseThrow(() -> new IllegalStateException("no app id"));
    String appSecret =
        config.appSecret().orElseThrow(() -> new IllegalStateException("no app secret"));
    Instant requestedAt = clock.instant();
    fetches.increment();
    TenantTokenResponse response =
        endpoint.fetch(new TenantTokenRequest(appId, appSecret), deadline);
    if (response.tenantAccessToken() == null || response.tenantAccessToken().isBlank()) {
      throw new PermanentFeishuException(
          OpenApiEndpoint.TENANT_TOKEN, 200, response.code(), "answer without a token");
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
