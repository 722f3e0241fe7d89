package io.feishubot.outbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.VertxException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One attempt at an Open API call, as the guarded endpoint methods make it: check the deadline,
 * call, and turn every kind of failure into the {@link FeishuApiException} subtype the
 * fault-tolerance policy selects on. Counts each attempt under {@code feishu.outbound.calls}.
 */
@ApplicationScoped
public class OutboundAttempts {

  private static final Logger LOG = Logger.getLogger(OutboundAttempts.class);

  private final OutboundBudget budget;
  private final MeterRegistry registry;
  private final ConcurrentMap<CallTags, Counter> calls = new ConcurrentHashMap<>();

  private record CallTags(OpenApiEndpoint endpoint, String result) {}

  public OutboundAttempts(OutboundBudget budget, MeterRegistry registry) {
    this.budget = budget;
    this.registry = registry;
  }

  /** Makes one attempt at {@code call}, which must answer before {@code deadline}. */
  <T extends OpenApiAnswer> T attempt(
      OpenApiEndpoint endpoint, Instant deadline, Supplier<T> call) {
    requireAttemptTime(endpoint, deadline);
    T answer;
    try {
      answer = call.get();
    } catch (RuntimeException e) {
      throw translated(endpoint, deadline, e);
    }
    return accepted(endpoint, deadline, answer);
  }

  /**
   * The non-blocking form of {@link #attempt}: {@code call} starts the request and returns at once;
   * the answer, or the failure it is turned into, arrives through the returned {@link Uni}.
   */
  <T extends OpenApiAnswer> Uni<T> attemptAsync(
      OpenApiEndpoint endpoint, Instant deadline, Supplier<Uni<T>> call) {
    Uni<T> answer;
    try {
      requireAttemptTime(endpoint, deadline);
      answer = call.get();
    } catch (RuntimeException e) {
      return Uni.createFrom().failure(translated(endpoint, deadline, e));
    }
    // Two stages, not one onItemOrFailure: a mapper that throws while handling a failure would
    // wrap both in a CompositeException, which the retry policy does not select on.
    return answer
        .onFailure()
        .transform(failure -> translated(endpoint, deadline, failure))
        .onItem()
        .transform(item -> accepted(endpoint, deadline, item));
  }

  private void requireAttemptTime(OpenApiEndpoint endpoint, Instant deadline) {
    try {
      budget.requireAttemptTime(endpoint, deadline);
    } catch (OutboundDeadlineException e) {
      count(endpoint, "deadline");
      throw e;
    }
  }

  /** The answer, if it is a success; a non-zero {@code code} is a failure even with HTTP 200. */
  private <T extends OpenApiAnswer> T accepted(
      OpenApiEndpoint endpoint, Instant deadline, T answer) {
    if (answer == null) {
      throw failed(endpoint, deadline, 200, -1, "empty answer", null);
    }
    if (answer.code() != 0) {
      throw failed(endpoint, deadline, 200, answer.code(), answer.msg(), null);
    }
    count(endpoint, "success");
    return answer;
  }

  /**
   * The {@link FeishuApiException} for what the call threw, or the same exception when it is not
   * about the call (our own deadline check, a bug).
   */
  private RuntimeException translated(OpenApiEndpoint endpoint, Instant deadline, Throwable e) {
    if (e instanceof OpenApiErrorResponse error) {
      return failed(
          endpoint,
          deadline,
          error.httpStatus(),
          error.code(),
          error.feishuMessage(),
          error.rateLimitReset());
    }
    if (e instanceof ProcessingException
        || e instanceof IOException
        || e instanceof VertxException) {
      // No answer: refused, reset, or cut off by the attempt timeout (which interrupts a blocking
      // call and then reports a TimeoutException of its own). The transport's message is not
      // kept: it can quote the URL.
      String what = interrupted(e) ? "attempt cut off by its timeout" : "no answer";
      return failed(endpoint, deadline, FailureKind.NO_ANSWER, -1, what, null);
    }
    if (e instanceof RuntimeException unchanged) {
      return unchanged;
    }
    return new IllegalStateException("unexpected failure of an Open API call", e);
  }

  private FeishuApiException failed(
      OpenApiEndpoint endpoint,
      Instant deadline,
      int httpStatus,
      int code,
      String msg,
      Duration rateLimitReset) {
    FeishuApiException failure =
        switch (FailureKind.of(endpoint, httpStatus, code)) {
          case TRANSIENT ->
              TransientFeishuException.of(
                  endpoint, httpStatus, code, msg, rateLimitReset, budget.retryWindow(deadline));
          case TOKEN_INVALID -> new TokenRejectedException(endpoint, httpStatus, code, msg);
          case PERMANENT -> new PermanentFeishuException(endpoint, httpStatus, code, msg);
        };
    if (failure instanceof TransientFeishuException transientFailure) {
      count(endpoint, transientFailure.rateLimited() ? "rate_limited" : "transient");
      if (transientFailure.rateLimited()) {
        countRateLimit(endpoint, transientFailure.retryFits() ? "waited" : "gave_up");
      }
      LOG.infof(
          "%s (%s)",
          failure.getMessage(),
          transientFailure.retryFits() ? "will retry" : "no time left to retry");
    } else if (failure instanceof TokenRejectedException) {
      count(endpoint, "token_rejected");
      LOG.infof("%s (refreshing the token)", failure.getMessage());
    } else {
      count(endpoint, "permanent");
      LOG.warnf("%s (not retried)", failure.getMessage());
    }
    return failure;
  }

  private static boolean interrupted(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof InterruptedException) {
        return true;
      }
    }
    return Thread.currentThread().isInterrupted();
  }

  private void count(OpenApiEndpoint endpoint, String result) {
    // Looked up once per pair: building the meter id on every call showed in the /ping profile.
    calls
        .computeIfAbsent(
            new CallTags(endpoint, result),
            tags ->
                Counter.builder("feishu.outbound.calls")
                    .description("Open API attempts by endpoint and result")
                    .tag("endpoint", tags.endpoint().tag())
                    .tag("result", tags.result())
                    .register(registry))
        .increment();
  }

  /** Counts a rate limit met: {@code waited} for it, or {@code gave_up} for lack of time. */
  void countRateLimit(OpenApiEndpoint endpoint, String outcome) {
    Counter.builder("feishu.outbound.ratelimit.waits")
        .description("Rate limits met (Feishu's, or a custom bot's kept here): waited, or gave up")
        .tag("endpoint", endpoint.tag())
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }
}
