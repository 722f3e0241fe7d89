package io.feishubot.commands;

import static io.feishubot.testsupport.BotEndpoint.deliver;
import static io.feishubot.testsupport.BotEndpoint.json;
import static io.feishubot.testsupport.BotEndpoint.repliesTo;
import static io.feishubot.testsupport.BotEndpoint.replyText;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.feishubot.testsupport.BotEndpoint;
import io.feishubot.testsupport.CommandReceiver;
import io.feishubot.testsupport.CommandReceiver.Answer;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.Poll;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Configured commands through the whole delivery path: signed, encrypted deliveries in, the job,
 * the endpoint on loopback, the reply out to the fake Open API; limits from configuration on
 * configured and Java commands.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = CommandReceiverResource.class, restrictToAnnotatedClass = true)
class ConfiguredCommandEndpointTest {

  private static final String FAILED_JOBS = "feishu_jobs_ended_total";
  private static final String FLAKY_FAILED = "command=\"flaky\",outcome=\"failed\"";

  private static final Duration REPLY_BOUND = Duration.ofSeconds(20);

  @Inject CircuitBreakerMaintenance breakers;

  private CommandReceiver receiver;

  @BeforeEach
  void reset() {
    breakers.resetAll();
    receiver = CommandReceiverResource.receiver();
  }

  @Test
  void aCardAnswer_isRepliedInTheThreadAsThatCard() {
    String card =
        "{\"schema\":\"2.0\",\"body\":{\"elements\":[{\"tag\":\"markdown\",\"content\":\"**ok**\"}]}}";
    receiver.answering(Answer.json("{\"msg_type\":\"interactive\",\"content\":" + card + "}"));
    Events.MessageEvent event = Events.message("/flaky go");

    assertThat(deliver(event).statusCode()).isEqualTo(200);

    JsonNode reply = json(awaitOneReply(event).getBodyAsString());
    assertThat(reply.path("msg_type").asText()).isEqualTo("interactive");
    assertThat(json(reply.path("content").asText())).isEqualTo(json(card));
    assertThat(requestsFor(event)).hasSize(1);
    assertThat(requestsFor(event).get(0).signatureValid()).contains(true);
  }

  @Test
  void aServerError_isRepliedAsAFailureNamingTheCommand() {
    receiver.answering(Answer.status(500));
    Events.MessageEvent event = Events.message("/flaky go");
    double failedBefore = BotEndpoint.metric(FAILED_JOBS, FLAKY_FAILED);

    assertThat(deliver(event).statusCode()).isEqualTo(200);

    assertThat(replyText(awaitOneReply(event)))
        .isEqualTo("/flaky failed: the endpoint answered HTTP 500.");
    assertThat(requestsFor(event)).hasSize(1);
    assertThat(BotEndpoint.metric(FAILED_JOBS, FLAKY_FAILED))
        .as("counted as a failed job")
        .isEqualTo(failedBefore + 1);
  }

  @Test
  void anEndpointSlowerThanTheTimeout_isCutOff_andTheReplySaysItTimedOut() {
    receiver.answering(Answer.text("too late").after(Duration.ofSeconds(8))); // /flaky has 5 s
    Events.MessageEvent event = Events.message("/flaky go");

    long sent = System.nanoTime();
    assertThat(deliver(event).statusCode()).isEqualTo(200);

    assertThat(replyText(awaitOneReply(event))).startsWith("/flaky timed out after 5");
    assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(8));
  }

  @Test
  void aCommandLimitedToAChat_runsThere_andIsRefusedElsewhere_withoutACall() {
    receiver.answering(Answer.text("room ok"));
    Events.MessageEvent inTheRoom =
        Events.message("/room").chatId(CommandReceiverResource.OPS_ROOM);
    Events.MessageEvent elsewhere = Events.message("/room");

    assertThat(deliver(inTheRoom).statusCode()).isEqualTo(200);
    assertThat(deliver(elsewhere).statusCode()).isEqualTo(200);

    assertThat(replyText(awaitOneReply(inTheRoom))).isEqualTo("room ok");
    assertThat(replyText(awaitOneReply(elsewhere))).isEqualTo("/room is not allowed here.");
    assertThat(requestsFor(elsewhere)).isEmpty();
  }

  @Test
  void aJavaCommandLimitedByConfiguration_refusesOtherUsers() {
    Events.MessageEvent event = Events.message("/ping"); // the default sender is not ou_x

    assertThat(deliver(event).statusCode()).isEqualTo(200);

    assertThat(replyText(awaitOneReply(event))).isEqualTo("/ping is not allowed here.");
  }

  private static LoggedRequest awaitOneReply(Events.MessageEvent event) {
    LoggedRequest reply =
        Poll.until(
            "a reply to " + event.messageId(),
            REPLY_BOUND,
            () -> repliesTo(event.messageId()).stream().findFirst());
    assertThat(repliesTo(event.messageId())).hasSize(1);
    return reply;
  }

  private List<CommandReceiver.Received> requestsFor(Events.MessageEvent event) {
    return receiver.received().stream()
        .filter(request -> event.eventId().equals(request.header("X-Feishu-Bot-Event-Id")))
        .toList();
  }
}
