package io.feishubot.concurrent;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import java.util.function.Supplier;

/**
 * Runs work that may block (a DynamoDB call, a token fetch, a command handler that does I/O) where
 * it cannot stall an event loop. A command's steps are chained as {@link Uni}s; most of them never
 * block, so the chain stays on the I/O thread that read the request and pays no thread hand-off.
 * Only a step that may block moves, and only when it would otherwise run on an event loop.
 */
public final class BlockingWork {

  private BlockingWork() {}

  /**
   * {@code work} as a {@link Uni}: run on the subscribing thread, unless that is an event-loop
   * thread and {@code mayBlock} is set, in which case on a worker thread (and the chain continues
   * there). A {@link RuntimeException} from {@code work} becomes the {@link Uni}'s failure.
   */
  public static <T> Uni<T> run(boolean mayBlock, Supplier<T> work) {
    if (!mayBlock) {
      return Uni.createFrom().item(work);
    }
    return Uni.createFrom()
        .deferred(
            () ->
                Context.isOnEventLoopThread()
                    ? Uni.createFrom()
                        .item(work)
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    : Uni.createFrom().item(work));
  }
}
