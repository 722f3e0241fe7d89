package io.feishubot.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** On a real Vert.x event loop: what may block leaves it, what may not stays. */
class BlockingWorkTest {

  private static Vertx vertx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void mayBlock_onAnEventLoop_runsOnAnotherThread() throws Exception {
    String[] threads = subscribeOnEventLoop(true);
    assertThat(threads[0]).startsWith("vert.x-eventloop-thread-");
    assertThat(threads[1]).isNotEqualTo(threads[0]).doesNotStartWith("vert.x-eventloop-thread-");
  }

  @Test
  void cannotBlock_onAnEventLoop_staysThere() throws Exception {
    String[] threads = subscribeOnEventLoop(false);
    assertThat(threads[1]).isEqualTo(threads[0]);
  }

  @Test
  void mayBlock_offAnEventLoop_runsInline() {
    String caller = Thread.currentThread().getName();
    String ran =
        BlockingWork.run(true, () -> Thread.currentThread().getName())
            .await()
            .atMost(Duration.ofSeconds(5));
    assertThat(ran).isEqualTo(caller);
  }

  @Test
  void anException_becomesTheFailure() {
    Uni<String> failing =
        BlockingWork.run(
            true,
            () -> {
              throw new IllegalStateException("store down");
            });
    assertThatThrownBy(() -> failing.await().atMost(Duration.ofSeconds(5)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("store down");
  }

  /** {subscribing thread, thread the work ran on}. */
  private static String[] subscribeOnEventLoop(boolean mayBlock) throws Exception {
    CompletableFuture<String[]> result = new CompletableFuture<>();
    vertx.runOnContext(
        ignored -> {
          String subscriber = Thread.currentThread().getName();
          BlockingWork.run(mayBlock, () -> Thread.currentThread().getName())
              .subscribe()
              .with(
                  ran -> result.complete(new String[] {subscriber, ran}),
                  result::completeExceptionally);
        });
    return result.get(10, TimeUnit.SECONDS);
  }
}
