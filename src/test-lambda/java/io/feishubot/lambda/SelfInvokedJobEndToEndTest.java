package io.feishubot.lambda;

import static io.feishubot.testsupport.BotEndpoint.deliver;
import static io.feishubot.testsupport.BotEndpoint.repliesTo;
import static io.feishubot.testsupport.BotEndpoint.replyText;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.feishubot.jobs.Job;
import io.feishubot.jobs.JobCodec;
import io.feishubot.jobs.JobSignatures;
import io.feishubot.jobs.LambdaJobEvent;
import io.feishubot.jobs.SignedJob;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.JobRuns;
import io.feishubot.testsupport.Jobs;
import io.feishubot.testsupport.LambdaInvokeApi;
import io.feishubot.testsupport.LambdaInvokeApiResource;
import io.feishubot.testsupport.Poll;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deferred command on Lambda, end to end with the real job runner: a signed, encrypted delivery
 * is answered 200 at once; the function invokes itself at the Invoke API stand-in, which delivers
 * the event to the function's Runtime API (the mock event server) as Lambda does; the job runs
 * there and its reply reaches the fake Open API once. A forged job is refused however it comes.
 */
@QuarkusTest
@TestProfile(SelfInvokedJobEndToEndTest.OnLambda.class)
class SelfInvokedJobEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The app on Lambda with its real job runner; the Open API and the Invoke API are fakes. */
  public static class OnLambda implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(
          new TestResourceEntry(FakeFeishuOpenApi.class),
          new TestResourceEntry(LambdaInvokeApiResource.class));
    }
  }

  @Inject JobSignatures signatures;

  private final LambdaInvokeApi api = LambdaInvokeApiResource.api();

  @BeforeEach
  void attach() {
    api.reset();
    api.attachFunction(URI.create(RestAssured.baseURI + ":" + RestAssured.port));
  }

  @Test
  void aDeferredCommand_isAcknowledged_selfInvokes_runsThere_andRepliesOnce() {
    Events.MessageEvent event = Events.message("/test-quick-job a b");

    Response acknowledged = deliver(event);

    assertThat(acknowledged.statusCode()).isEqualTo(200);
    assertThat(api.invocations())
        .singleElement()
        .satisfies(
            invocation -> {
              assertThat(invocation.functionName()).isEqualTo(LambdaInvokeApiResource.FUNCTION);
              assertThat(invocation.invocationType()).isEqualTo("Event");
            });
    LoggedRequest reply =
        Poll.until(
            "the job's reply",
            WAIT,
            () ->
                repliesTo(event.messageId()).stream()
                    .filter(r -> replyText(r).startsWith("quick job done"))
                    .findFirst());
    assertThat(replyText(reply)).isEqualTo("quick job done: a b");
    Poll.until(
        "the invocation to end",
        WAIT,
        () -> api.attempts().isEmpty() ? Optional.empty() : Optional.of(true));
    assertThat(api.attempts()).containsExactly(200);
    assertThat(JobRuns.started(event.eventId())).isEqualTo(1);

    // Feishu redelivers: a duplicate, answered 200, never invoked or run again.
    assertThat(deliver(event).statusCode()).isEqualTo(200);
    assertThat(api.invocations()).hasSize(1);
    assertThat(jobReplies(event.messageId())).hasSize(1);
    assertThat(JobRuns.started(event.eventId())).isEqualTo(1);
  }

  @Test
  void aForgedJobInvocation_isRefused_andNothingRuns() throws IOException {
    Events.MessageEvent event = Events.message("/test-quick-job forged");
    Job job = Jobs.job(event.eventId(), Instant.now());
    SignedJob genuine = signatures.codec().orElseThrow().sign(job);
    byte[] forged =
        new String(genuine.payload(), StandardCharsets.UTF_8)
            .replace("\"deploy\"", "\"test-quick-job\"")
            .getBytes(StandardCharsets.UTF_8);

    // As Lambda would deliver an invocation someone else queued: a raw event to the handler.
    JsonNode answer =
        JSON.readTree(
            given()
                .contentType("application/json")
                .body(
                    LambdaJobEvent.of(
                        new SignedJob(forged, genuine.signature()), "forged", Instant.now()))
                .post("/_lambda_")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    assertThat(answer.path("statusCode").asInt()).isEqualTo(401);
    // As an HTTP request (an API Gateway route, were there one), unsigned and forged.
    given()
        .contentType("application/json")
        .body(forged)
        .post(LambdaJobEvent.PATH)
        .then()
        .statusCode(401);
    given()
        .contentType("application/json")
        .header(JobCodec.SIGNATURE_HEADER, genuine.signature())
        .body(forged)
        .post(LambdaJobEvent.PATH)
        .then()
        .statusCode(401);

    assertThat(JobRuns.started(event.eventId())).isZero();
    assertThat(repliesTo(job.message().messageId())).isEmpty();
  }

  private static List<LoggedRequest> jobReplies(String messageId) {
    return repliesTo(messageId).stream()
        .filter(r -> replyText(r).startsWith("quick job done"))
        .toList();
  }
}
