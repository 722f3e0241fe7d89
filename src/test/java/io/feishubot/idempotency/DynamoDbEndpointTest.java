package io.feishubot.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.feishubot.testsupport.BotEndpoint;
import io.feishubot.testsupport.Dynalite;
import io.feishubot.testsupport.DynaliteTestResource;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.FeishuDelivery;
import io.feishubot.testsupport.InjectDynalite;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The endpoint with the DynamoDB store: exactly-once commands, and fail-closed on an outage. */
@QuarkusTest
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = DynaliteTestResource.class, restrictToAnnotatedClass = true)
class DynamoDbEndpointTest {

  @InjectDynalite Dynalite dynalite;

  @Test
  void duplicateStorm_repliesOnce() throws Exception {
    Events.MessageEvent event = Events.message("/ping");
    List<Integer> statuses =
        BotEndpoint.concurrently(
            20, () -> BotEndpoint.send(FeishuDelivery.of(event.json()).build()));
    assertThat(statuses).containsOnly(200);
    assertThat(BotEndpoint.repliesTo(event.messageId())).hasSize(1);
  }

  @Test
  void storeOutage_answers503WithoutRunningTheCommand_andTheRedeliveryRunsOnce() {
    Events.MessageEvent event = Events.message("/ping");
    dynalite.stop();
    try {
      BotEndpoint.send(FeishuDelivery.of(event.json()).build()).then().statusCode(503);
      assertThat(BotEndpoint.repliesTo(event.messageId())).isEmpty();
    } finally {
      dynalite.start();
    }
    BotEndpoint.send(FeishuDelivery.of(event.json()).build()).then().statusCode(200);
    BotEndpoint.send(FeishuDelivery.of(event.json()).build()).then().statusCode(200);
    assertThat(BotEndpoint.repliesTo(event.messageId())).hasSize(1);
  }
}
