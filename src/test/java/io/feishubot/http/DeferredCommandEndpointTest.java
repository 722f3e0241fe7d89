package io.feishubot.http;

import static io.feishubot.testsupport.BotEndpoint.concurrently;
import static io.feishubot.testsupport.BotEndpoint.deliver;
import static io.feishubot.testsupport.BotEndpoint.metric;
import static io.feishubot.testsupport.BotEndpoint.onlyReplyTo;
import static io.feishubot.testsupport.BotEndpoint.repliesTo;
import static io.feishubot.testsupport.BotEndpoint.replyText;
import static io.feishubot.testsupport.BotEndpoint.uuidOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FailingJobCommand;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.JobRuns;
import io.feishubot.testsupport.LogCapture;
import io.feishubot.testsupport.Poll;
import io.feishubot.testsupport.TestKeys;
import io.feishubot.webhook.ReplyIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Deferred commands end to end: signed, encrypted deliveries in, the acknowledgement and the job's
 * reply out to the fake Open API. The only 10 s job of the suite lives here.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
class DeferredCommandEndpointTest {

  private static final Duration JOB_BOUND = Duration.ofSeconds(40);

  @Test
  void aTenSecondJob_isAcknowledgedWhileItRuns_repliesOnce_andRedeliveriesNeverRunItAgain()
      throws Exception {
    Events.MessageEvent event = Events.message("/test-slow");
    String eventId = event.eventId();

    long sent = System.nanoTime();
    Response first = deliver(event);
    long ackMillis = (System.nanoTime() - sent) / 1_000_000;

    assertThat(first.statusCode()).isEqualTo(200);
    // Ordering, not timing: when the 200 arrived the job had not finished, and its reply was not
    // out.
    assertThat(JobRuns.finished(eventId)).as("finished when the 200 arrived").isZero();
    LoggedRequest ack = onlyReplyTo(event.messageId());
    assertThat(replyText(ack)).isEqualTo("Working on it…");
    assertThat(uuidOf(ack)).isEqualTo(ReplyIds.forEvent(TestKeys.APP_ID, eventId, 0));
    System.out.printf("[jobs] a 10 s deferred command was acknowledged in %d ms%n", ackMillis);

    Poll.until(
        "the job to start",
        JOB_BOUND,
        () -> Optional.of(1).filter(x -> JobRuns.started(eventId) > 0));
    List<Integer> duringTheJob = concurrently(20, () -> deliver(event));
    assertThat(duringTheJob).containsOnly(200);
    assertThat(JobRuns.finished(eventId)).as("still running after the redeliveries").isZero();
    assertThat(runningJobs()).as("feishu_jobs_running").isGreaterThanOrEqualTo(1.0);

    List<LoggedRequest> replies =
        Poll.until(
            "the job's reply",
            JOB_BOUND,
            () -> Optional.of(repliesTo(event.messageId())).filter(all -> all.size() >= 2));
    assertThat(replies).hasSize(2);
    LoggedRequest done = replies.get(1);
    assertThat(replyText(done)).isEqualTo("slow work done");
    assertThat(uuidOf(done)).isEqualTo(ReplyIds.forEvent(TestKeys.APP_ID, "job:" + eventId, 0));

    assertThat(deliver(event).statusCode()).isEqualTo(200);
    assertThat(concurrently(20, () -> deliver(event))).containsOnly(200);
    assertThat(JobRuns.started(eventId)).as("runs").isEqualTo(1);
    assertThat(JobRuns.finished(eventId)).isEqualTo(1);
    assertThat(repliesTo(event.messageId())).as("the ack and the one final reply").hasSize(2);
  }

  @Test
  void aJobThatThrows_repliesOnceWithAnErrorNamingTheCommand_andNoExceptionText() {
    Events.MessageEvent event = Events.message("/test-failing-job");
    try (LogCapture log = LogCapture.start()) {
      assertThat(deliver(event).statusCode()).isEqualTo(200);
      LoggedRequest reply = awaitOneReply(event);
      assertThat(replyText(reply)).startsWith("/test-failing-job failed.");
      assertThat(reply.getBodyAsString()).doesNotContain(FailingJobCommand.SECRET_IN_MESSAGE);
      Poll.until(
          "the job's last log line",
          JOB_BOUND,
          () ->
              log.lines().stream()
                  .filter(line -> line.contains("job " + event.eventId() + ": failed"))
                  .findAny());
      assertThat(log.lines()).noneMatch(line -> line.contains(FailingJobCommand.SECRET_IN_MESSAGE));
    }
    assertThat(deliver(event).statusCode()).isEqualTo(200);
    assertThat(JobRuns.started(event.eventId())).isEqualTo(1);
    assertThat(repliesTo(event.messageId())).hasSize(1);
    assertThat(metric("feishu_jobs_ended_total", "command=\"test-failing-job\""))
        .isGreaterThanOrEqualTo(1.0);
    assertThat(metric("feishu_jobs_ended_total", "command=\"test-failing-job\",outcome=\"failed\""))
        .isEqualTo(metric("feishu_jobs_ended_total", "command=\"test-failing-job\""));
  }

  @Test
  void aJobPastItsTimeout_isInterrupted_andRepliesOnceThatItTimedOut() {
    Events.MessageEvent event = Events.message("/test-stuck-job");
    assertThat(deliver(event).statusCode()).isEqualTo(200);

    LoggedRequest reply = awaitOneReply(event);
    assertThat(replyText(reply)).isEqualTo("/test-stuck-job timed out after 1 s.");
    assertThat(JobRuns.interrupted(event.eventId())).isEqualTo(1);
    assertThat(JobRuns.finished(event.eventId())).isZero();
    assertThat(deliver(event).statusCode()).isEqualTo(200);
    assertThat(repliesTo(event.messageId())).hasSize(1);
    assertThat(
            metric("feishu_jobs_ended_total", "command=\"test-stuck-job\",outcome=\"timed_out\""))
        .isGreaterThanOrEqualTo(1.0);
    assertThat(metric("feishu_jobs_duration_seconds_count", "command=\"test-stuck-job\""))
        .isGreaterThanOrEqualTo(1.0);
  }

  @Test
  void aCommandLimitedToOthers_isRefusedWithAReply_logged_andNeverRuns() {
    Events.MessageEvent event = Events.message("/test-restricted");
    try (LogCapture log = LogCapture.start()) {
      assertThat(deliver(event).statusCode()).isEqualTo(200);
      assertThat(log.lines())
          .anyMatch(
              line ->
                  line.contains("/test-restricted refused")
                      && line.contains("ou_7d8a6e6df7621556ce0d21922b676706ccs"));
    }
    assertThat(replyText(onlyReplyTo(event.messageId())))
        .isEqualTo("/test-restricted is not allowed here.");
    assertThat(JobRuns.started(event.eventId())).isZero();
    assertThat(deliver(event).statusCode()).as("a redelivery is a duplicate").isEqualTo(200);
    assertThat(repliesTo(event.messageId())).hasSize(1);
  }

  /** The gauge has no tags, so its line has no braces. */
  private static double runningJobs() {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return metrics
        .lines()
        .filter(line -> line.startsWith("feishu_jobs_running "))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no feishu_jobs_running gauge"));
  }

  private static LoggedRequest awaitOneReply(Events.MessageEvent event) {
    LoggedRequest reply =
        Poll.until(
            "the job's reply", JOB_BOUND, () -> repliesTo(event.messageId()).stream().findFirst());
    return reply;
  }
}
