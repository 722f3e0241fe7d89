package io.feishubot.feishu;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * An event of a type the bot has no record for, kept as the tree Feishu sent, so that a handler for
 * it can still read it.
 *
 * @param event the {@code event} object (for schema 1.0: the whole {@code event} object too)
 */
public record RawEvent(String eventType, JsonNode event) implements FeishuEvent {

  public RawEvent {
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(event, "event");
  }
}
