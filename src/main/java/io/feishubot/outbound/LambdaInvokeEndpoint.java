package io.feishubot.outbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Lambda's Invoke API for asynchronous invocations ({@code InvocationType=Event}), behind its own
 * fault-tolerance policy. The caller is a delivery that Feishu wants answered within 3 s and Lambda
 * answers an accepted event within tens of milliseconds, so attempts are short and there is one
 * quick retry at most; settings under {@code
 * io.feishubot.outbound.LambdaInvokeEndpoint/invokeAsync/<Annotation>/<parameter>}. The SDK client
 * itself does not retry ({@link LambdaClientProducer}). Counted in {@code
 * feishu.lambda.invocations}.
 */
@ApplicationScoped
public class LambdaInvokeEndpoint {

  /** Name of this endpoint's circuit breaker. */
  public static final String CIRCUIT = "lambda-invoke";

  /** What Lambda answers when it queued an asynchronous invocation. */
  static final int ACCEPTED = 202;

  /** What Lambda answers a dry run it would have accepted. */
  static final int DRY_RUN_ACCEPTED = 204;

  private final LambdaClient lambda;
  private final MeterRegistry registry;

  public LambdaInvokeEndpoint(LambdaClient lambda, MeterRegistry registry) {
    this.lambda = lambda;
    this.registry = registry;
  }

  /**
   * Queues an asynchronous invocation of {@code functionName} with {@code payload}; returns once
   * Lambda accepted it (202), long before the function runs.
   *
   * @param qualifier the version to run, or {@code null} for {@code $LATEST}
   * @throws LambdaInvokeException when Lambda refused it or could not be reached
   */
  @Retry(retryOn = {LambdaInvokeException.Unavailable.class, TimeoutException.class})
  @CircuitBreaker(failOn = {LambdaInvokeException.Unavailable.class, TimeoutException.class})
  @CircuitBreakerName(CIRCUIT)
  @Timeout
  public void invokeAsync(String functionName, String qualifier, byte[] payload) {
    InvokeResponse response;
    try {
      response =
          lambda.invoke(
              InvokeRequest.builder()
                  .functionName(functionName)
                  .qualifier(qualifier)
                  .invocationType(InvocationType.EVENT)
                  .payload(SdkBytes.fromByteArrayUnsafe(payload))
                  .build());
    } catch (SdkServiceException e) {
      throw failed(e.statusCode());
    } catch (SdkClientException e) {
      throw failed(0);
    }
    Integer status = response.statusCode();
    if (status == null || status != ACCEPTED) {
      throw failed(status == null ? 0 : status);
    }
    count("accepted");
  }

  /**
   * Warms the client up with a dry run (Lambda checks the request and the permission, and runs
   * nothing): the first call on a fresh client loads the SDK's signer and marshallers and opens a
   * connection, which takes longer than an attempt may, inside the first delivery's 3 s. Paying it
   * at startup (or in the SnapStart snapshot) keeps the first deferred command from a 503.
   *
   * @return whether Lambda accepted the dry run (204); failures are for the caller to log
   */
  public boolean dryRun(String functionName, String qualifier) {
    try {
      Integer status =
          lambda
              .invoke(
                  InvokeRequest.builder()
                      .functionName(functionName)
                      .qualifier(qualifier)
                      .invocationType(InvocationType.DRY_RUN)
                      .build())
              .statusCode();
      return status != null && status == DRY_RUN_ACCEPTED;
    } catch (SdkServiceException | SdkClientException e) {
      return false;
    }
  }

  private LambdaInvokeException failed(int httpStatus) {
    LambdaInvokeException failure = LambdaInvokeException.of(httpStatus);
    count(failure instanceof LambdaInvokeException.Unavailable ? "transient" : "permanent");
    return failure;
  }

  private void count(String result) {
    Counter.builder("feishu.lambda.invocations")
        .description("Asynchronous invocations of this function (deferred jobs) by result")
        .tag("result", result)
        .register(registry)
        .increment();
  }
}
