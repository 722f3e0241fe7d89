package io.feishubot.commands;

import static io.feishubot.commands.CommandTestSupport.replyOf;
import static io.feishubot.commands.CommandTestSupport.typed;
import static org.assertj.core.api.Assertions.assertThat;

import io.feishubot.message.Message;
import io.feishubot.message.MessageContent;
import io.feishubot.outbound.CommandEndpoint;
import io.feishubot.router.Access;
import io.feishubot.router.CommandHandler;
import io.feishubot.router.CommandRouter;
import io.feishubot.testsupport.CommandReceiver;
import io.feishubot.testsupport.CommandReceiver.Answer;
import io.feishubot.testsupport.Poll;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A configured command as the application wires it (CDI, the FT policy from
 * application.properties): registered beside the Java commands, limits from configuration applied,
 * the POST never retried, the breaker opening on an endpoint that is down and the bulkhead refusing
 * calls over its limit at once.
 */
@QuarkusTest
@QuarkusTestResource(value = CommandReceiverResource.class, restrictToAnnotatedClass = true)
class ConfiguredCommandFaultToleranceTest {

  @Inject CommandRouter router;
  @Inject CircuitBreakerMaintenance breakers;

  private CommandReceiver receiver;

  @BeforeEach
  void reset() {
    breakers.resetAll();
    receiver = CommandReceiverResource.receiver();
    receiver.answering(Answer.text("ok"));
  }

  @AfterEach
  void closeCircuit() {
    breakers.resetAll();
  }

  private CommandHandler flaky() {
    return router.commands().stream()
        .filter(command -> command.name().equals("flaky"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void isRegisteredBesideTheJavaCommands_withItsSettings_andConfiguredLimitsApply() {
    CommandHandler flaky = flaky();
    assertThat(flaky.deferred()).isTrue();
    assertThat(flaky.jobTimeout()).contains(Duration.ofSeconds(5));
    assertThat(router.accessOf("ping")).isEqualTo(Access.forUsers(Set.of("ou_x")));
    assertThat(router.accessOf("flaky")).isEqualTo(Access.ANYONE);
    String help =
        MessageContent.of(
                router.commands().stream()
                    .filter(command -> command.name().equals("help"))
                    .findFirst()
                    .orElseThrow()
                    .handle(typed("/help")))
            .content();
    assertThat(help).contains("**/flaky** — Calls a flaky endpoint");
  }

  @Test
  void aFailingPost_isNeverRetried_andTheBreakerOpensWhenTheEndpointIsDown() {
    receiver.answering(Answer.status(503));
    int before = receiver.received().size();

    for (int i = 0; i < 10; i++) {
      assertThat(replyOf(flaky(), typed("/flaky " + i)))
          .isEqualTo(Message.text("/flaky failed: the endpoint answered HTTP 503."));
    }
    assertThat(receiver.received()).hasSize(before + 10);
    assertThat(breakers.currentState(CommandEndpoint.CIRCUIT)).isEqualTo(CircuitBreakerState.OPEN);

    receiver.answering(Answer.text("back"));
    assertThat(replyOf(flaky(), typed("/flaky again")))
        .isEqualTo(
            Message.text(
                "/flaky failed: recent calls to command endpoints failed, so none are made for a"
                    + " short while; try again shortly."));
    assertThat(receiver.received()).hasSize(before + 10);
  }

  @Test
  void clientErrors_doNotOpenTheBreaker() {
    receiver.answering(Answer.status(400));

    for (int i = 0; i < 12; i++) {
      replyOf(flaky(), typed("/flaky " + i));
    }

    assertThat(breakers.currentState(CommandEndpoint.CIRCUIT))
        .isEqualTo(CircuitBreakerState.CLOSED);
  }

  @Test
  void callsOverTheBulkhead_areRefusedAtOnce() throws Exception {
    receiver.answering(Answer.text("slow").after(Duration.ofSeconds(2)));
    int before = receiver.received().size();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Message>> inFlight = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        inFlight.add(threads.submit(() -> replyOf(flaky(), typed("/flaky"))));
      }
      Poll.until(
          "8 calls in flight",
          Duration.ofSeconds(5),
          () -> Optional.of(true).filter(x -> receiver.received().size() == before + 8));

      long started = System.nanoTime();
      Message refused = replyOf(flaky(), typed("/flaky"));

      assertThat(refused)
          .isEqualTo(
              Message.text(
                  "/flaky failed: too many commands are calling their endpoints right now; try"
                      + " again shortly."));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
      for (Future<Message> call : inFlight) {
        assertThat(call.get()).isEqualTo(Message.text("slow"));
      }
      assertThat(receiver.received()).hasSize(before + 8);
    } finally {
      threads.shutdownNow();
    }
  }
}
