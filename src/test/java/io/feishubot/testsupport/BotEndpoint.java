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
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
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
