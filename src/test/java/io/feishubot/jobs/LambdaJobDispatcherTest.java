package io.feishubot.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feishubot.testsupport.Jobs;
import io.feishubot.testsupport.LambdaInvokeApi;
import io.feishubot.testsupport.LambdaInvokeApiResource;
import io.feishubot.testsupport.LambdaJobsProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Lambda dispatcher against a local stand-in of Lambda's Invoke API: an asynchronous invocation
 * of the function named by {@code AWS_LAMBDA_FUNCTION_NAME}, carrying an API Gateway v2 event for
 * {@code POST /internal/jobs} with the signed job, and a refusal the delivery can answer 503 when
 * Lambda does not take it.
 */
@QuarkusTest
@TestProfile(LambdaJobsProfile.class)
class LambdaJobDispatcherTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject LambdaJobs lambdaJobs;
  @Inject JobSignatures signatures;

  private final LambdaInvokeApi api = LambdaInvokeApiResource.api();

  @BeforeEach
  void reset() {
    api.reset();
  }

  @Test
  void lambdaIsChosen_andWarmedUpAtStartup_withADryRunThatRunsNothing() {
    assertThat(lambdaJobs.chosen()).isTrue();
    assertThat(api.dryRuns()).isPositive();
  }

  @Test
  void dispatch_invokesThisFunctionAsynchronously_withTheSignedJobAsAnHttpEvent()
      throws IOException {
    Job job = Jobs.job("ev_dispatch_1", Instant.now());

    long start = System.nanoTime();
    lambdaJobs.dispatcher().dispatch(job);
    System.out.printf(
        "[lambda-jobs] a job was queued in %d ms%n", (System.nanoTime() - start) / 1_000_000);

    assertThat(api.invocations()).hasSize(1);
    LambdaInvokeApi.Invocation invocation = api.invocations().get(0);
    assertThat(invocation.functionName()).isEqualTo(LambdaInvokeApiResource.FUNCTION);
    // The alias API Gateway invokes, whose asynchronous settings apply.
    assertThat(invocation.qualifier()).isEqualTo(LambdaInvokeApiResource.QUALIFIER);
    assertThat(invocation.invocationType()).isEqualTo("Event");
    assertThat(invocation.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=");
    JsonNode event = JSON.readTree(invocation.payload());
    assertThat(event.path("version").asText()).isEqualTo("2.0");
    assertThat(event.path("rawPath").asText()).isEqualTo("/internal/jobs");
    assertThat(event.path("requestContext").path("http").path("method").asText()).isEqualTo("POST");
    assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
    byte[] body = Base64.getDecoder().decode(event.path("body").asText());
    String signature = event.path("headers").path("x-feishu-job-signature").asText();
    assertThat(signatures.verify(body, signature))
        .isEqualTo(new JobCodec.Verification.Accepted(job));
  }

  @Test
  void aTransientFailure_isRetriedOnce_withinTheDelivery() {
    api.refuseNext(1, 503);

    lambdaJobs.dispatcher().dispatch(Jobs.job("ev_dispatch_retry", Instant.now()));

    assertThat(api.invocations()).hasSize(2);
  }

  @Test
  void aRefusal_becomesJobRefused_withoutPayloadOrSecrets() {
    api.refuseNext(1, 403);
    Job job = Jobs.job("ev_dispatch_denied", Instant.now());

    assertThatThrownBy(() -> lambdaJobs.dispatcher().dispatch(job))
        .isInstanceOf(JobRefusedException.class)
        .hasMessage("lambda invoke failed: HTTP 403");
    // Permanent: not retried.
    assertThat(api.invocations()).hasSize(1);
  }

  @Test
  void lambdaDownForGood_becomesJobRefused() {
    api.refuseNext(2, 500);
    Job job = Jobs.job("ev_dispatch_down", Instant.now());

    assertThatThrownBy(() -> lambdaJobs.dispatcher().dispatch(job))
        .isInstanceOf(JobRefusedException.class)
        .hasMessage("lambda invoke failed: HTTP 500")
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain("ev_dispatch_down")
                    .doesNotContain(
                        new String(
                            signatures.codec().orElseThrow().sign(job).payload(),
                            StandardCharsets.UTF_8)));
    assertThat(api.invocations()).hasSize(2);
  }
}
