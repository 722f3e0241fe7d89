package io.feishubot.http;

import static io.feishubot.testsupport.BotEndpoint.repliesTo;
import static io.feishubot.testsupport.BotEndpoint.replyText;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.feishubot.testsupport.BotEndpoint;
import io.feishubot.testsupport.CommandReceiver;
import io.feishubot.testsupport.CommandReceiver.Answer;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.FeishuDelivery;
import io.feishubot.testsupport.PackagedBot;
import io.feishubot.testsupport.Poll;
import io.feishubot.testsupport.TestKeys;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's "done when", on the packaged jar configured by environment variables only: {@code
 * /slow} is defined by {@code FEISHU_COMMANDS_SLOW_URL} and points at an endpoint on loopback that
 * takes 6 s and answers text, and only one user may run it.
 */
class ConfiguredCommandIT {

  private static final String SECRET = "slow-secret-4f7e2a";
  private static final Duration ACK_BUDGET = Duration.ofSeconds(3);
  private static final Duration REPLY_BOUND = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static CommandReceiver endpoint;
  private static PackagedBot bot;

  @BeforeAll
  static void start() throws Exception {
    endpoint =
        CommandReceiver.signedWith(SECRET)
            .answering(Answer.text("slow is done").after(Duration.ofSeconds(6)));
    Map<String, String> api = new FakeFeishuOpenApi().start();
    bot =
        PackagedBot.start(
            Map.ofEntries(
                Map.entry("FEISHU_APP_ID", TestKeys.APP_ID),
                Map.entry("FEISHU_APP_SECRET", TestKeys.APP_SECRET),
                Map.entry("FEISHU_VERIFICATION_TOKEN", TestKeys.VERIFICATION_TOKEN),
                Map.entry("FEISHU_ENCRYPT_KEY", TestKeys.ENCRYPT_KEY),
                Map.entry("FEISHU_API_BASE_URL", api.get("feishu.api-base-url")),
                Map.entry("FEISHU_COMMANDS_SLOW_URL", endpoint.url()),
                Map.entry("FEISHU_COMMANDS_SLOW_SECRET", SECRET),
                Map.entry("FEISHU_COMMANDS_SLOW_DESCRIPTION", "Takes its time"),
                Map.entry("FEISHU_COMMANDS_SLOW_ALLOWED_USERS", Events.DEFAULT_SENDER_OPEN_ID)));
  }

  @AfterAll
  static void stop() {
    if (bot != null) {
      bot.close();
    }
    if (endpoint != null) {
      endpoint.close();
    }
    WireMockServer server = FakeFeishuOpenApi.server();
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void slowCommand_isAcknowledgedAtOnce_callsTheEndpointOnceSigned_andRepliesOnce()
      throws Exception {
    Events.MessageEvent event = Events.message("/slow a b");

    long sent = System.nanoTime();
    Response first = deliver(event);
    Duration ack = Duration.ofNanos(System.nanoTime() - sent);
    System.out.printf("[configured] /slow a b was acknowledged in %d ms%n", ack.toMillis());
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(ack).isLessThan(ACK_BUDGET);
    // Feishu's redelivery while the endpoint is still working: a duplicate, nothing more runs.
    assertThat(deliver(event).statusCode()).isEqualTo(200);

    CommandReceiver.Received request =
        Poll.until(
            "the endpoint to be called",
            Duration.ofSeconds(10),
            () -> requestsFor(event.eventId()).stream().findFirst());
    assertThat(request.signatureValid()).contains(true);
    assertThat(request.json().path("command").asText()).isEqualTo("slow");
    assertThat(request.json().path("args")).isEqualTo(JSON.readTree("[\"a\",\"b\"]"));
    assertThat(request.json().path("text").asText()).isEqualTo("/slow a b");
    assertThat(request.json().path("message_id").asText()).isEqualTo(event.messageId());

    LoggedRequest reply =
        Poll.until(
            "the endpoint's text in the thread",
            REPLY_BOUND,
            () -> repliesTo(event.messageId()).stream().findFirst());
    long replied = (System.nanoTime() - sent) / 1_000_000;
    System.out.printf("[configured] the reply came %d ms after the delivery%n", replied);
    assertThat(replyText(reply)).isEqualTo("slow is done");

    // A redelivery after the reply is a duplicate too.
    assertThat(deliver(event).statusCode()).isEqualTo(200);
    assertThat(requestsFor(event.eventId())).hasSize(1);
    assertThat(repliesTo(event.messageId())).hasSize(1);
  }

  @Test
  void aUserOutsideTheList_isRefused_andTheEndpointIsNeverCalled() throws Exception {
    Events.MessageEvent event = Events.message("/slow a b").senderOpenId("ou_not_on_the_list");

    assertThat(deliver(event).statusCode()).isEqualTo(200);

    LoggedRequest reply =
        Poll.until(
            "the refusal",
            Duration.ofSeconds(10),
            () -> repliesTo(event.messageId()).stream().findFirst());
    assertThat(replyText(reply)).isEqualTo("/slow is not allowed here.");
    assertThat(deliver(event).statusCode()).isEqualTo(200);
    assertThat(repliesTo(event.messageId())).hasSize(1);
    assertThat(requestsFor(event.eventId())).isEmpty();
    String log = bot.log();
    assertThat(log).contains("ou_not_on_the_list");
    for (String secret : List.of(SECRET, "url-token-5e1d", "hook-7f3a9c")) {
      assertThat(log).doesNotContain(secret);
    }
  }

  private static List<CommandReceiver.Received> requestsFor(String eventId) {
    return endpoint.received().stream()
        .filter(request -> eventId.equals(request.header("X-Feishu-Bot-Event-Id")))
        .toList();
  }

  private static Response deliver(Events.MessageEvent event) {
    FeishuDelivery delivery = FeishuDelivery.of(event.json()).build();
    return given()
        .baseUri(bot.baseUrl())
        .contentType("application/json")
        .headers(delivery.headers())
        .body(delivery.body())
        .post(BotEndpoint.EVENTS);
  }
}
