package io.feishubot.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.feishubot.http.JobInvocationResource;
import io.feishubot.jobs.LambdaJobEvent;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.arc.Unremovable;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;

/**
 * quarkus-amazon-lambda-http's handler, with one change: a job invocation whose job did not run
 * fails the invocation, so that Lambda retries it (twice) and then sends it to the on-failure
 * destination.
 *
 * <p>Why this is needed: {@link LambdaHttpHandler#handleRequest} returns every HTTP answer, 5xx
 * included, as the function's result, and turns even an exception into a 500 result; only an
 * exception out of the handler makes the runtime report a function error ({@code
 * /runtime/invocation/<id>/error}), which is what Lambda's asynchronous retries count. So this
 * subclass throws when the answer to {@code POST /internal/jobs} carries {@code
 * X-Feishu-Job-Outcome: not-run}. Every other request, and every other answer, passes unchanged.
 *
 * <p>How it takes over: the extension looks its handler up as a CDI bean of type {@link
 * LambdaHttpHandler} (for the JVM's {@code QuarkusStreamHandler} and the native poll loop alike),
 * so a selected alternative of that type replaces it without any change to {@code serverless.yml}.
 * It is not a {@code RequestHandler} the extension's build step counts as a second handler: that
 * scan sees only classes that name the interface themselves.
 */
@Alternative
@Priority(1)
@Singleton
@Unremovable
public class JobRetryingLambdaHandler extends LambdaHttpHandler {

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
    APIGatewayV2HTTPResponse response = super.handleRequest(request, context);
    if (LambdaJobEvent.PATH.equals(request.getRawPath()) && notRun(response.getHeaders())) {
      throw new JobNotRunException();
    }
    return response;
  }

  private static boolean notRun(Map<String, String> headers) {
    if (headers == null) {
      return false;
    }
    String outcome = JobInvocationResource.OUTCOME_HEADER.toLowerCase(Locale.ROOT);
    return headers.entrySet().stream()
        .anyMatch(
            header ->
                header.getKey().toLowerCase(Locale.ROOT).equals(outcome)
                    && JobInvocationResource.NOT_RUN.equals(header.getValue()));
  }

  /** Fails the invocation; its message is all Lambda records of it (no payload). */
  static final class JobNotRunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JobNotRunException() {
      super("job not run: Lambda will retry this invocation", null, false, false);
    }
  }
}
