package io.feishubot.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatPacerTest {

  private static final Duration MIN_ATTEMPT = Duration.ofMillis(100);

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final OutboundBudget budget = new OutboundBudget(Clock.systemUTC(), MIN_ATTEMPT);

  @AfterEach
  void stopTimer() {
    timer.shutdownNow();
  }

  @Test
  void nextSendToTheSameChat_waitsItsTurn_whileOtherChatsGoAtOnce() {
    ChatPacer pacer = new ChatPacer(budget, Duration.ofMillis(200), 100, timer, registry);
    Instant deadline = Instant.now().plusSeconds(2);

    long start = System.nanoTime();
    subscribe(pacer.awaitSlot("oc_a", deadline)).assertCompleted();
    UniAssertSubscriber<Void> second = subscribe(pacer.awaitSlot("oc_a", deadline));
    subscribe(pacer.awaitSlot("oc_b", deadline)).assertCompleted();

    second.awaitItem(Duration.ofSeconds(2));
    // The chat's second send waits its interval.
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(190));
    assertThat(count("waited")).isEqualTo(1);
  }

  @Test
  void aTurnThatLeavesNoFullAttemptBeforeTheDeadline_isRefusedAtOnce() {
    ChatPacer pacer = new ChatPacer(budget, Duration.ofSeconds(1), 100, timer, registry);
    // 600 ms left: a turn may come within 500 ms; the chat's next is a second away.
    Instant deadline = Instant.now().plusMillis(600);
    subscribe(pacer.awaitSlot("oc_a", deadline)).assertCompleted();

    // Refused on the spot, not after waiting: the event is answered 503 and redelivered.
    subscribe(pacer.awaitSlot("oc_a", deadline))
        .assertFailedWith(OutboundBusyException.class, "send turn");
    assertThat(count("gave_up")).isEqualTo(1);
  }

  @Test
  void remembersABoundedNumberOfChats() {
    ChatPacer pacer = new ChatPacer(budget, Duration.ofMillis(200), 50, timer, registry);
    Instant deadline = Instant.now().plusSeconds(2);
    for (int i = 0; i < 1000; i++) {
      subscribe(pacer.awaitSlot("oc_" + i, deadline)).assertCompleted();
    }

    assertThat(pacer.trackedChats()).isLessThanOrEqualTo(50);
  }

  private static UniAssertSubscriber<Void> subscribe(io.smallrye.mutiny.Uni<Void> uni) {
    return uni.subscribe().withSubscriber(UniAssertSubscriber.create());
  }

  private double count(String outcome) {
    return registry
        .get("feishu.outbound.slot.waits")
        .tag("limit", "chat")
        .tag("outcome", outcome)
        .counter()
        .count();
  }
}
