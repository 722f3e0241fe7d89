package io.feishubot.feishu;

import java.util.Objects;

/**
 * An event delivery of either schema: its header and its typed event, whichever parser read it.
 *
 * @param event the {@code event} object as its type's record, a {@link RawEvent} for other types,
 *     or an {@link UnreadableEvent} when it lacks what the bot needs
 */
public record EventCallback(Schema schema, EventHeader header, FeishuEvent event)
    implements Envelope {

  public EventCallback {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(event, "event");
  }
}
