package io.feishubot.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Talks to the bot under test the way Feishu does, and reads what it sent to the Open API. */
public final class BotEndpoint {

  public static final String EVENTS = "/feishu/events";
  private static final ObjectMapper JSON = new ObjectMapper();

  private BotEndpoint() {}

  /** Posts {@code delivery} to the app under test (RestAssured's configured base URI). */
  public static Response send(FeishuDelivery delivery) {
    return given()
        .contentType("application/json")
        .headers(delivery.headers())
        .body(delivery.body())
        .post(EVENTS);
  }

  /** Delivers {@code event} signed and encrypted; call again for a redelivery. */
  public static Response deliver(Events.MessageEvent event) {
    return send(FeishuDelivery.of(event.json()).build());
  }

  /**
   * Delivers {@code event} as Feishu does: again after a non-2xx answer (a 503 when a slow start
   * left no time for the reply), at most five times in all.
   */
  public static void deliverUntilAcknowledged(Events.MessageEvent event) {
    int status = 0;
    for (int attempt = 0; attempt < 5 && status != 200; attempt++) {
      status = deliver(event).statusCode();
    }
    assertThat(status).as("acknowledged within five deliveries").isEqualTo(200);
  }

  /** The sum of {@code feishu_events_total} with {@code outcome}, read from /q/metrics. */
  public static double eventCount(String outcome) {
    return metric("feishu_events_total", "outcome=\"" + outcome + "\"");
  }

  /** The sum of the samples of {@code name} whose labels contain {@code label}, from /q/metrics. */
  public static double metric(String name, String label) {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    double sum = 0;
    for (String line : metrics.split("\n")) {
      if (line.startsWith(name + "{") && line.contains(label)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /** How many token requests the fake Open API has answered so far. */
  public static int tokenFetches() {
    return FakeFeishuOpenApi.server()
        .findAll(postRequestedFor(urlEqualTo(FakeFeishuOpenApi.TOKEN_PATH)))
        .size();
  }

  /** Every reply request the fake Open API received for {@code messageId}. */
  public static List<LoggedRequest> repliesTo(String messageId) {
    return FakeFeishuOpenApi.server()
        .findAll(postRequestedFor(urlEqualTo("/open-apis/im/v1/messages/" + messageId + "/reply")));
  }

  /**
   * Asserts that Feishu posted exactly one reply to {@code messageId}: at least one request, all
   * with the same {@code uuid} (a repeat after a timed-out attempt is the same reply to Feishu).
   */
  public static void assertOneReply(String messageId) {
    List<LoggedRequest> replies = repliesTo(messageId);
    assertThat(replies).isNotEmpty();
    assertThat(replies.stream().map(BotEndpoint::uuidOf).distinct()).hasSize(1);
  }

  public static LoggedRequest onlyReplyTo(String messageId) {
    List<LoggedRequest> replies = repliesTo(messageId);
    assertThat(replies).hasSize(1);
    return replies.get(0);
  }

  /** The text of a text reply, unwrapped from its string-encoded {@code content}. */
  public static String replyText(LoggedRequest reply) {
    return json(json(reply.getBodyAsString()).path("content").asText()).path("text").asText();
  }

  public static String uuidOf(LoggedRequest reply) {
    return json(reply.getBodyAsString()).path("uuid").asText();
  }

  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Redelivers with {@code redelivery}, as Feishu would, until the command has replied to {@code
   * messageId} or {@code bound} has passed. On a loaded machine a claim can time out in the client
   * after the store has written it: the delivery answers 503 and the event stays taken until its
   * in-progress claim lapses (ack deadline + 2 s), so only a later redelivery runs the command.
   */
  public static void redeliverUntilReplied(
      Callable<Response> redelivery, String messageId, Duration bound) throws Exception {
    Instant giveUp = Instant.now().plus(bound);
    while (repliesTo(messageId).isEmpty() && Instant.now().isBefore(giveUp)) {
      assertThat(redelivery.call().statusCode())
          .as("a redelivery answers 200, or 503 when the store timed out")
          .isIn(200, 503);
      if (repliesTo(messageId).isEmpty()) {
        Thread.sleep(250);
      }
    }
  }

  /** Runs {@code count} calls at once (released together) and returns their HTTP statuses. */
  public static List<Integer> concurrently(int count, Callable<Response> call) throws Exception {
    return concurrently(count, i -> call);
  }

  /**
   * Delivers {@code events} all at once (released together), as Feishu pushes a burst; their
   * statuses in the same order.
   */
  public static List<Integer> deliverAtOnce(List<Events.MessageEvent> events) throws Exception {
    return concurrently(events.size(), i -> () -> deliver(events.get(i)));
  }

  private static List<Integer> concurrently(int count, IntFunction<Callable<Response>> calls)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Callable<Response> call = calls.apply(i);
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return call.call().statusCode();
                }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> future : futures) {
        statuses.add(future.get());
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }
}
