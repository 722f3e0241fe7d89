package io.feishubot.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.feishubot.jobs.Job;
import io.feishubot.jobs.JobOutcome;
import io.feishubot.jobs.LambdaJobs;
import io.feishubot.testsupport.Jobs;
import io.feishubot.testsupport.LambdaInvokeApi;
import io.feishubot.testsupport.LambdaInvokeApiResource;
import io.feishubot.testsupport.LambdaJobsProfile;
import io.feishubot.testsupport.Poll;
import io.feishubot.testsupport.RecordingJobRunner;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A job's round trip on Lambda: the dispatcher invokes the function asynchronously at the Invoke
 * API stand-in, which delivers the event to the function's Runtime API (the mock event server) the
 * way Lambda does, through the same handler as every HTTP request. A job that did not run fails its
 * invocation, so Lambda retries it twice and then hands it to the on-failure destination.
 */
@QuarkusTest
@TestProfile(LambdaJobsProfile.class)
class SelfInvocationTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Inject LambdaJobs lambdaJobs;
  @Inject RecordingJobRunner runner;

  private final LambdaInvokeApi api = LambdaInvokeApiResource.api();

  @BeforeEach
  void attach() {
    api.reset();
    runner.reset();
    api.attachFunction(URI.create(RestAssured.baseURI + ":" + RestAssured.port));
  }

  @Test
  void aDispatchedJob_arrivesOnce_throughTheFunctionsHandler_andRuns() {
    Job job = Jobs.job("ev_self_1", Instant.now());

    lambdaJobs.dispatcher().dispatch(job);

    Poll.until("the invocation's attempt", WAIT, () -> last(api.attempts()));
    assertThat(runner.jobs()).containsExactly(job);
    assertThat(api.attempts()).containsExactly(200);
    assertThat(api.failureDestination()).isEmpty();
  }

  @Test
  void aJobThatDidNotRun_failsItsInvocation_isRetriedTwice_thenGoesToTheFailureDestination() {
    runner.endWith(new JobOutcome.NotRun("lease held by another worker"));

    lambdaJobs.dispatcher().dispatch(Jobs.job("ev_self_notrun", Instant.now()));

    Poll.until(
        "the on-failure destination",
        WAIT,
        () -> api.failureDestination().isEmpty() ? Optional.empty() : Optional.of(true));
    assertThat(api.attempts()).containsExactly(500, 500, 500);
    assertThat(runner.jobs()).hasSize(3);
  }

  @Test
  void aJobThatFailed_withItsErrorReplyPosted_isNotRetried() {
    runner.endWith(new JobOutcome.Failed("the deploy script exited 1"));

    lambdaJobs.dispatcher().dispatch(Jobs.job("ev_self_failed", Instant.now()));

    Poll.until("the invocation's attempt", WAIT, () -> last(api.attempts()));
    assertThat(api.attempts()).containsExactly(200);
    assertThat(runner.jobs()).hasSize(1);
  }

  private static <T> Optional<T> last(List<T> list) {
    return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
  }
}
