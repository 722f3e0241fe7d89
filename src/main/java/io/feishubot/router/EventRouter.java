package io.feishubot.router;

import io.feishubot.feishu.CardActionTriggered;
import io.feishubot.feishu.FeishuEvent;
import io.feishubot.feishu.MessageReceived;
import io.quarkus.arc.All;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps event types to their handlers. Built eagerly at startup so that two handlers for one type,
 * or a handler whose record does not match its type, stop the application instead of surfacing on
 * the first event.
 */
@Startup
@ApplicationScoped
public class EventRouter {

  /** Types with a handler kind of their own: messages go to commands, card actions to actions. */
  private static final Set<String> RESERVED =
      Set.of(MessageReceived.EVENT_TYPE, CardActionTriggered.EVENT_TYPE);

  private final Map<String, EventHandler<?>> handlers = new HashMap<>();

  public EventRouter(@All List<EventHandler<?>> handlers) {
    for (EventHandler<?> handler : handlers) {
      String type = handler.eventType();
      String owner = HandlerConflictException.nameOf(handler);
      if (type == null || type.isBlank() || RESERVED.contains(type)) {
        throw new HandlerConflictException(
            "event type '" + type + "' of " + owner + " cannot have an event handler");
      }
      Class<? extends FeishuEvent> record = FeishuEvent.recordOf(type);
      if (!record.equals(handler.eventClass())) {
        throw new HandlerConflictException(
            owner + " handles " + type + ", whose events are " + record.getSimpleName());
      }
      EventHandler<?> earlier = this.handlers.putIfAbsent(type, handler);
      if (earlier != null) {
        throw new HandlerConflictException(
            "event type '"
                + type
                + "' is claimed by both "
                + HandlerConflictException.nameOf(earlier)
                + " and "
                + owner);
      }
    }
  }

  /** The handler of {@code eventType}, if any. */
  public Optional<EventHandler<?>> handlerFor(String eventType) {
    return Optional.ofNullable(handlers.get(eventType));
  }
}
