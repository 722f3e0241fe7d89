package io.feishubot.router;

import io.feishubot.feishu.FeishuEvent;
import io.smallrye.mutiny.Uni;

/**
 * Reacts to one event type. Implement it as an {@code @ApplicationScoped} bean, one class per
 * behaviour; the registry refuses to start when two claim the same type. Each event runs its
 * handler once, however often Feishu delivers it; a failure asks Feishu to redeliver it.
 *
 * @param <E> the type's record ({@link io.feishubot.feishu.BotAddedToChat}, …), or {@link
 *     io.feishubot.feishu.RawEvent} for a type without one
 */
public interface EventHandler<E extends FeishuEvent> {

  /** The event type, e.g. {@link io.feishubot.feishu.BotAddedToChat#EVENT_TYPE}. */
  String eventType();

  /** The record the type is read into; checked against the type at startup. */
  Class<E> eventClass();

  /**
   * Handles the event, with all it sends chained into the result. Must finish well inside Feishu's
   * 3 s budget.
   */
  Uni<Void> handle(E event, EventContext context);

  /** As {@link CommandHandler#mayBlock()}: whether calling {@link #handle} may block. */
  default boolean mayBlock() {
    return true;
  }
}
