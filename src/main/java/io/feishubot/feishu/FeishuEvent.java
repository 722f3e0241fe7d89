package io.feishubot.feishu;

/**
 * The {@code event} of a delivery, typed by its event type. The types the bot acts on have a record
 * each; any other type arrives as a {@link RawEvent}, and an event of a known type that cannot be
 * read as that type as an {@link UnreadableEvent}. A new type is declared once, in {@link
 * EventReaders}, with its record and its reader.
 */
public sealed interface FeishuEvent
    permits MessageReceived,
        BotAddedToChat,
        BotRemovedFromChat,
        CardActionTriggered,
        RawEvent,
        UnreadableEvent {

  /** The event type as Feishu names it, e.g. {@code im.message.receive_v1}. */
  String eventType();

  /**
   * The record an event of {@code eventType} is read into when it is readable: its own record, or
   * {@link RawEvent} for a type without one.
   */
  static Class<? extends FeishuEvent> recordOf(String eventType) {
    return EventReaders.recordOf(eventType);
  }
}
