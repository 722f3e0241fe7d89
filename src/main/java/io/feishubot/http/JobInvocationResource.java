package io.feishubot.http;

import io.feishubot.jobs.Job;
import io.feishubot.jobs.JobCodec;
import io.feishubot.jobs.JobOutcome;
import io.feishubot.jobs.JobRunner;
import io.feishubot.jobs.JobSignatures;
import io.feishubot.jobs.LambdaJobEvent;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Where a deferred job arrives when it runs in another invocation of the Lambda function: {@code
 * POST /internal/jobs}, the body a job signed by {@link JobCodec}, its signature in {@value
 * JobCodec#SIGNATURE_HEADER}. The signature is checked before anything is read; a job without a
 * valid one gets 401 and nothing runs, whichever way the request came (no API Gateway route leads
 * here, but the check does not rely on that).
 *
 * <p>The method returns a plain value, so it runs on a worker thread and may block for as long as
 * the job runs. The answer says how it ended: 200 when the job is done (finished, failed with an
 * error reply, or done already), 503 with {@value #OUTCOME_HEADER}{@code : not-run} when nothing
 * ran and a later attempt should try again. On Lambda that header makes the invocation fail, so
 * that Lambda retries it (see {@code JobRetryingLambdaHandler}): a 5xx alone would be a successful
 * invocation, as quarkus-amazon-lambda-http returns every HTTP answer as the function's result.
 */
@Path(LambdaJobEvent.PATH)
public class JobInvocationResource {

  /** Says on the answer whether the job still needs to run; read by the Lambda handler. */
  public static final String OUTCOME_HEADER = "X-Feishu-Job-Outcome";

  /** {@value #OUTCOME_HEADER} when nothing ran and the job is not done. */
  public static final String NOT_RUN = "not-run";

  private static final Logger LOG = Logger.getLogger(JobInvocationResource.class);

  private final JobSignatures signatures;
  private final Instance<JobRunner> runner;

  public JobInvocationResource(JobSignatures signatures, Instance<JobRunner> runner) {
    this.signatures = signatures;
    this.runner = runner;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response receive(byte[] body, @HeaderParam(JobCodec.SIGNATURE_HEADER) String signature) {
    return switch (signatures.verify(body == null ? new byte[0] : body, signature)) {
      case JobCodec.Verification.Accepted accepted -> run(accepted.job());
      case JobCodec.Verification.Refused refused -> refuse(refused.reason());
    };
  }

  private Response run(Job job) {
    if (!runner.isResolvable()) {
      LOG.errorf("job %s arrived but this build has no job runner", job.eventId());
      return notRun();
    }
    JobOutcome outcome = runner.get().run(job);
    LOG.infof("job %s (/%s): %s", job.eventId(), job.command().name(), name(outcome));
    return switch (outcome) {
      case JobOutcome.Finished finished -> done("finished");
      case JobOutcome.Failed failed -> done("failed");
      case JobOutcome.AlreadyDone alreadyDone -> done("already_done");
      case JobOutcome.NotRun notRun -> notRun();
    };
  }

  /** The log names the reason; the answer does not, and neither shows the payload. */
  private static Response refuse(JobCodec.Refusal reason) {
    LOG.warnf("job payload refused: %s", reason);
    return switch (reason) {
      case UNSIGNED, BAD_SIGNATURE, STALE -> ErrorBodies.response(401, "unauthorized");
      // Signed by us, so not an attack, but no attempt will read it better: no retry.
      case MALFORMED -> ErrorBodies.response(400, "malformed request");
    };
  }

  private static Response done(String outcome) {
    return Response.ok(Map.of("outcome", outcome), MediaType.APPLICATION_JSON_TYPE).build();
  }

  private static Response notRun() {
    return Response.fromResponse(ErrorBodies.response(503, "job not run, retry later"))
        .header(OUTCOME_HEADER, NOT_RUN)
        .build();
  }

  private static String name(JobOutcome outcome) {
    return switch (outcome) {
      case JobOutcome.Finished finished -> "finished";
      case JobOutcome.Failed failed -> "failed: " + failed.reason();
      case JobOutcome.AlreadyDone alreadyDone -> "already done";
      case JobOutcome.NotRun notRun -> "not run: " + notRun.reason();
    };
  }
}
