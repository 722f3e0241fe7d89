package io.feishubot.outbound;

import static io.feishubot.testsupport.BotEndpoint.deliver;
import static io.feishubot.testsupport.BotEndpoint.repliesTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The reply circuit breaker, driven through the real endpoint against a failing Open API. */
@QuarkusTest
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
@TestProfile(OutboundCircuitBreakerProfile.class)
class OutboundCircuitBreakerTest {

  @Inject CircuitBreakerMaintenance breakers;

  @Test
  void failuresOpenTheCircuit_laterRepliesFailFast_andItClosesAfterTheDelay() throws Exception {
    breakers.resetAll();
    var outage =
        FakeFeishuOpenApi.server()
            .stubFor(
                WireMock.post(WireMock.urlPathMatching(FakeFeishuOpenApi.REPLY_PATH_PATTERN))
                    .atPriority(1)
                    .willReturn(FakeFeishuOpenApi.error(500, 1, "internal error")));
    Events.MessageEvent first = Events.message("/ping");
    deliver(first).then().statusCode(503);
    // Four failed attempts fill the window and open the circuit; the retry after them fails fast.
    assertThat(repliesTo(first.messageId())).hasSize(4);
    assertThat(breakers.currentState(MessageEndpoint.CIRCUIT)).isEqualTo(CircuitBreakerState.OPEN);

    Events.MessageEvent second = Events.message("/ping");
    deliver(second).then().statusCode(503);
    assertThat(repliesTo(second.messageId())).isEmpty();

    // Feishu recovers, but the circuit stays open until its delay is over.
    FakeFeishuOpenApi.server().removeStub(outage);
    deliver(second).then().statusCode(503);
    assertThat(repliesTo(second.messageId())).isEmpty();

    Thread.sleep(OutboundCircuitBreakerProfile.DELAY_MILLIS + 200);
    deliver(second).then().statusCode(200);
    assertThat(repliesTo(second.messageId())).hasSize(1);
    assertThat(breakers.currentState(MessageEndpoint.CIRCUIT))
        .isEqualTo(CircuitBreakerState.CLOSED);
    deliver(first).then().statusCode(200);
    assertThat(repliesTo(first.messageId())).hasSize(5);
  }
}
