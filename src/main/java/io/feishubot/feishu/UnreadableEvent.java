package io.feishubot.feishu;

import java.util.Objects;

/**
 * An authentic event of a known type that lacks what the bot needs, or has a field of the wrong
 * type. It will never become readable, so it is acknowledged and counted rather than refused: a
 * refusal would only make Feishu redeliver it for hours.
 *
 * @param problem a short fixed phrase naming the field, never its value
 */
public record UnreadableEvent(String eventType, String problem) implements FeishuEvent {

  public UnreadableEvent {
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(problem, "problem");
  }
}
