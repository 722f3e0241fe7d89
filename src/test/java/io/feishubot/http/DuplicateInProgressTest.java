package io.feishubot.http;

import static io.feishubot.testsupport.BotEndpoint.deliver;
import static io.feishubot.testsupport.BotEndpoint.repliesTo;
import static io.feishubot.testsupport.BotEndpoint.replyText;
import static org.assertj.core.api.Assertions.assertThat;

import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.FlakyInlineCommand;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;

/**
 * A redelivery that meets its event still running elsewhere is not acknowledged: the running one
 * may fail, and an acknowledged redelivery would leave nobody to run the event again. Not under
 * {@code -Plambda}: a Lambda instance takes one invocation at a time, so there the redelivery
 * reaches another instance (the DynamoDB store's tests cover the claim on its own).
 */
@QuarkusTest
@DisabledIf(
    value = "io.feishubot.testsupport.LambdaBuild#active",
    disabledReason = "one invocation at a time per Lambda instance: no concurrent redelivery here")
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
class DuplicateInProgressTest {

  @Test
  void aRedeliveryDuringARunThatFails_isAnswered503_andTheNextRedeliveryRunsTheEvent()
      throws Exception {
    Events.MessageEvent event = Events.message("/test-flaky-inline");
    FlakyInlineCommand.close();
    CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> deliver(event));
    try {
      assertThat(FlakyInlineCommand.awaitRunning()).as("the first delivery runs").isTrue();
      assertThat(deliver(event).statusCode()).as("the redelivery meanwhile").isEqualTo(503);
    } finally {
      FlakyInlineCommand.open();
    }
    assertThat(first.get().statusCode()).as("the first delivery, failed").isEqualTo(503);
    assertThat(repliesTo(event.messageId())).isEmpty();

    assertThat(deliver(event).statusCode()).as("Feishu's next redelivery").isEqualTo(200);
    assertThat(repliesTo(event.messageId())).hasSize(1);
    assertThat(replyText(repliesTo(event.messageId()).get(0))).isEqualTo("flaky done");
    assertThat(deliver(event).statusCode()).as("after it ran").isEqualTo(200);
    assertThat(repliesTo(event.messageId())).hasSize(1);
  }
}
