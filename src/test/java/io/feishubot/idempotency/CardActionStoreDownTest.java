package io.feishubot.idempotency;

import static io.feishubot.testsupport.BotEndpoint.json;
import static io.feishubot.testsupport.BotEndpoint.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.FeishuDelivery;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DynamoDB unreachable: a press on a card is not applied, and the person is told to try again in
 * the callback's answer (Feishu never redelivers a callback, so a 5xx would only show an error
 * code), never a silent success.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
@TestProfile(CardActionStoreDownTest.UnreachableDynamoDb.class)
class CardActionStoreDownTest {

  /** The DynamoDB store, pointed at a port nothing listens on. */
  public static class UnreachableDynamoDb implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "feishu.idempotency.store", "dynamodb",
          "quarkus.dynamodb.endpoint-override", "http://127.0.0.1:" + closedPort(),
          "quarkus.dynamodb.aws.region", "us-east-1",
          "quarkus.dynamodb.aws.credentials.type", "static",
          "quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "test",
          "quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "test");
    }

    private static int closedPort() {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Test
  void aPressIsNotApplied_andThePersonIsToldToTryAgain() {
    JsonNode value =
        new ObjectMapper()
            .createObjectNode()
            .put("action", "deploy.approve")
            .put("service", "api")
            .put("version", "1.0")
            .put("requester", "ou_requester");
    String callback = Events.cardAction(Events.newEventId(), "ou_approver", "om_down", value);
    JsonNode answer =
        json(send(FeishuDelivery.of(callback).build()).then().statusCode(200).extract().asString());
    assertThat(answer.path("toast").path("type").asText()).isEqualTo("error");
    assertThat(answer.path("toast").path("content").asText()).contains("try again");
    assertThat(answer.has("card")).as("no decided card").isFalse();
  }
}
