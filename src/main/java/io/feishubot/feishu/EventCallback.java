package io.feishubot.feishu;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * An event delivery of either schema.
 *
 * <p>The common delivery, a schema 2.0 event, is read straight from the parser's tokens without a
 * tree: then {@code event} is null, and {@code message} holds an {@code im.message.receive_v1}
 * event (other types carry nothing beyond the header, which is all they are used for). Anything
 * else keeps the raw {@code event} object as a tree, because its shape depends on the event type.
 * Use {@link #messageReceived()} rather than either field.
 *
 * @param event the raw {@code event} object, or null when it was read without a tree
 * @param message the event as a message when it was read without a tree, else null
 */
public record EventCallback(
    Schema schema, EventHeader header, JsonNode event, MessageReceived message)
    implements Envelope {

  public EventCallback {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(header, "header");
  }

  /** An event kept as a tree. */
  public EventCallback(Schema schema, EventHeader header, JsonNode event) {
    this(schema, header, Objects.requireNonNull(event, "event"), null);
  }

  /**
   * The event read as an {@code im.message.receive_v1} message, whichever way it was parsed.
   *
   * @throws MalformedPayloadException as {@link MessageReceived#from} does
   */
  public MessageReceived messageReceived() {
    return message != null ? message : MessageReceived.from(event);
  }
}
