package io.feishubot.router;

import io.quarkus.arc.All;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps card action names to their handlers. Built eagerly at startup so that two handlers for one
 * action stop the application instead of surfacing on the first press.
 */
@Startup
@ApplicationScoped
public class ActionRouter {

  private static final Pattern VALID_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  private final Map<String, CardActionHandler> handlers = new HashMap<>();

  public ActionRouter(@All List<CardActionHandler> handlers) {
    for (CardActionHandler handler : handlers) {
      String action = handler.action();
      String owner = HandlerConflictException.nameOf(handler);
      if (action == null || !VALID_NAME.matcher(action).matches()) {
        throw new HandlerConflictException(
            "card action name '" + action + "' of " + owner + " is not valid");
      }
      CardActionHandler earlier = this.handlers.putIfAbsent(action, handler);
      if (earlier != null) {
        throw new HandlerConflictException(
            "card action '"
                + action
                + "' is claimed by both "
                + HandlerConflictException.nameOf(earlier)
                + " and "
                + owner);
      }
    }
  }

  /** The handler of {@code action}, if any. */
  public Optional<CardActionHandler> handlerFor(String action) {
    return Optional.ofNullable(action).map(handlers::get);
  }
}
