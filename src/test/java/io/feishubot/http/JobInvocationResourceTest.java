package io.feishubot.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.feishubot.jobs.Job;
import io.feishubot.jobs.JobCodec;
import io.feishubot.jobs.JobOutcome;
import io.feishubot.jobs.JobSignatures;
import io.feishubot.jobs.SignedJob;
import io.feishubot.testsupport.Jobs;
import io.feishubot.testsupport.LambdaBuild;
import io.feishubot.testsupport.LambdaJobsProfile;
import io.feishubot.testsupport.LogCapture;
import io.feishubot.testsupport.RecordingJobRunner;
import io.feishubot.testsupport.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /internal/jobs}, where a job arrives in its own invocation: only a job signed with
 * the app's derived key runs; anything else is refused before it is read, and nothing runs. Under
 * {@code -Plambda} these requests reach the app as API Gateway events through the mock event
 * server, which is how an API Gateway route to this path would arrive too.
 */
@QuarkusTest
@TestProfile(LambdaJobsProfile.class)
class JobInvocationResourceTest {

  @Inject JobSignatures signatures;
  @Inject RecordingJobRunner runner;

  @BeforeEach
  void reset() {
    runner.reset();
  }

  @Test
  void aSignedJob_runs_andItsOutcomeIsAnswered() {
    Job job = Jobs.job("ev_resource_ok", Instant.now());
    SignedJob signed = signatures.codec().orElseThrow().sign(job);

    post(signed.payload(), signed.signature())
        .then()
        .statusCode(200)
        .body("outcome", equalTo("finished"));

    assertThat(runner.jobs()).containsExactly(job);
  }

  @Test
  void failedAndAlreadyDoneJobs_areDone_too() {
    for (JobOutcome outcome :
        new JobOutcome[] {new JobOutcome.Failed("timed out"), new JobOutcome.AlreadyDone()}) {
      runner.endWith(outcome);
      SignedJob signed =
          signatures.codec().orElseThrow().sign(Jobs.job("ev_resource_done", Instant.now()));

      post(signed.payload(), signed.signature()).then().statusCode(200);
    }
    assertThat(runner.jobs()).hasSize(2);
  }

  @Test
  void aJobThatDidNotRun_failsItsAttempt() {
    runner.endWith(new JobOutcome.NotRun("lease held elsewhere"));
    SignedJob signed =
        signatures.codec().orElseThrow().sign(Jobs.job("ev_resource_notrun", Instant.now()));

    Response response = post(signed.payload(), signed.signature());

    if (LambdaBuild.active()) {
      // The invocation itself failed (a function error, which Lambda retries): the mock event
      // server answers such an invocation 500.
      assertThat(response.statusCode()).isEqualTo(500);
    } else {
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.header(JobInvocationResource.OUTCOME_HEADER)).isEqualTo("not-run");
    }
    assertThat(runner.jobs()).hasSize(1);
  }

  @Test
  void aForgedSignature_isRefused_andNothingRuns() {
    SignedJob signed =
        signatures.codec().orElseThrow().sign(Jobs.job("ev_resource_forged", Instant.now()));
    byte[] tampered =
        new String(signed.payload(), StandardCharsets.UTF_8)
            .replace("\"deploy\"", "\"destroy\"")
            .getBytes(StandardCharsets.UTF_8);

    try (LogCapture logs = LogCapture.start()) {
      post(tampered, signed.signature())
          .then()
          .statusCode(401)
          .body("error", equalTo("unauthorized"));

      assertThat(logs.lines())
          .anyMatch(line -> line.contains("job payload refused: BAD_SIGNATURE"));
      assertThat(String.join("\n", logs.lines()))
          .doesNotContain("ev_resource_forged")
          .doesNotContain("destroy")
          .doesNotContain(signed.signature().substring("sha256=".length()));
    }
    assertThat(runner.jobs()).isEmpty();
  }

  @Test
  void aJobSignedWithAnotherKey_orUnsigned_isRefused() {
    SignedJob genuine =
        signatures.codec().orElseThrow().sign(Jobs.job("ev_resource_other", Instant.now()));
    byte[] payload = genuine.payload();

    // Keyed with the App Secret itself rather than the key derived from it.
    post(payload, Jobs.rawSignature(TestKeys.APP_SECRET, payload)).then().statusCode(401);
    // Another app's key.
    post(payload, Jobs.signature("another-secret", TestKeys.ENCRYPT_KEY, "t", payload))
        .then()
        .statusCode(401);
    post(payload, null).then().statusCode(401);
    post(payload, "sha256=").then().statusCode(401);
    assertThat(runner.jobs()).isEmpty();
  }

  @Test
  void theSignatureInUse_isTheDocumentedOne() {
    SignedJob signed =
        signatures.codec().orElseThrow().sign(Jobs.job("ev_resource_doc", Instant.now()));

    assertThat(signed.signature()).isEqualTo(Jobs.signature(signed.payload()));
  }

  @Test
  void aStaleJob_isRefused() {
    Job old = Jobs.job("ev_resource_stale", Instant.now().minus(Duration.ofHours(2)));
    SignedJob signed = signatures.codec().orElseThrow().sign(old);

    post(signed.payload(), signed.signature()).then().statusCode(401);
    assertThat(runner.jobs()).isEmpty();
  }

  @Test
  void aSignedPayloadThatIsNotAJob_isABadRequest() {
    byte[] payload = "{\"v\":1}".getBytes(StandardCharsets.UTF_8);

    post(payload, Jobs.signature(payload)).then().statusCode(400);
    assertThat(runner.jobs()).isEmpty();
  }

  private static Response post(byte[] body, String signature) {
    var request = given().contentType("application/json").body(body);
    if (signature != null) {
      request = request.header(JobCodec.SIGNATURE_HEADER, signature);
    }
    return request.post("/internal/jobs");
  }
}
