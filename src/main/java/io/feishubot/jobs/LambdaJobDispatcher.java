package io.feishubot.jobs;

import io.feishubot.outbound.LambdaInvokeEndpoint;
import io.feishubot.outbound.LambdaInvokeException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Runs each job in another invocation of this Lambda function: signs it, wraps it in the HTTP event
 * the function's handler takes ({@link LambdaJobEvent}), and invokes the function by its own name
 * asynchronously. Returns once Lambda queued the invocation; from then on Lambda owns the job: it
 * retries a failed invocation twice and then hands it to the on-failure destination ({@code
 * serverless.yml}), and the job's lease in the idempotency store lets a retry run it at most once.
 */
public final class LambdaJobDispatcher implements JobDispatcher {

  private static final Logger LOG = Logger.getLogger(LambdaJobDispatcher.class);

  private final JobCodec codec;
  private final LambdaInvokeEndpoint lambda;
  private final String functionName;
  private final Optional<String> qualifier;
  private final Clock clock;

  /**
   * @param qualifier the alias or version to invoke, the one whose asynchronous settings (retries,
   *     on-failure destination) apply; empty for the unqualified function
   */
  public LambdaJobDispatcher(
      JobCodec codec,
      LambdaInvokeEndpoint lambda,
      String functionName,
      Optional<String> qualifier,
      Clock clock) {
    this.codec = Objects.requireNonNull(codec, "codec");
    this.lambda = Objects.requireNonNull(lambda, "lambda");
    this.functionName = Objects.requireNonNull(functionName, "functionName");
    this.qualifier = Objects.requireNonNull(qualifier, "qualifier");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void dispatch(Job job) {
    byte[] event = LambdaJobEvent.of(codec.sign(job), job.eventId(), clock.instant());
    try {
      lambda.invokeAsync(functionName, qualifier.orElse(null), event);
    } catch (LambdaInvokeException e) {
      throw refused(job, e.getMessage());
    } catch (RuntimeException e) {
      // The policy's own failures: circuit open, attempt timed out.
      throw refused(job, "lambda invoke failed: " + e.getClass().getSimpleName());
    }
    LOG.debugf("job %s queued as an asynchronous invocation", job.eventId());
  }

  private static JobRefusedException refused(Job job, String reason) {
    LOG.warnf("job %s not queued: %s", job.eventId(), reason);
    return new JobRefusedException(reason);
  }
}
