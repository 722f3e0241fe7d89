package io.feishubot.feishu;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * An event delivery of either schema. {@code event} is the raw {@code event} object, left as a tree
 * because its shape depends on the event type (see {@link MessageReceived#from}).
 */
public record EventCallback(Schema schema, EventHeader header, JsonNode event) implements Envelope {

  public EventCallback {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(event, "event");
  }
}
