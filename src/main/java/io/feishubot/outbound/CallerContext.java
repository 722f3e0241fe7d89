package io.feishubot.outbound;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;

/**
 * Where a call carries on after waiting for a slot: back on the Vert.x context (the event loop) of
 * the caller that began to wait, not on the timer or on whichever call freed the slot. Always a
 * hand-off, never inline, so that slots passed from call to call cannot nest on one stack.
 */
final class CallerContext {

  private CallerContext() {}

  /** The executor that resumes the calling thread's work; read it where the wait begins. */
  static Executor current() {
    Context context = Vertx.currentContext();
    return context == null
        ? Infrastructure.getDefaultExecutor()
        : command -> context.runOnContext(ignored -> command.run());
  }
}
