package io.feishubot.feishu;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The event types the bot has a record for, each with the reader of its {@code event} object. This
 * is the one place a new type is declared: add its record to {@link FeishuEvent} and its reader
 * here, and both parsers (the streaming one and the tree) read it. Every other type becomes a
 * {@link RawEvent}.
 */
final class EventReaders {

  /** Reads an event object whose start token was just read. */
  @FunctionalInterface
  interface EventReader {
    /** The event, or null with the cursor's problem set. */
    FeishuEvent read(JsonCursor cursor) throws IOException;
  }

  /** A type's record and the reader that makes it. */
  private record Known(Class<? extends FeishuEvent> record, EventReader reader) {}

  private static final Map<String, Known> KNOWN =
      Map.of(
          MessageReceived.EVENT_TYPE,
          new Known(MessageReceived.class, MessageEventReader::read),
          BotAddedToChat.EVENT_TYPE,
          new Known(
              BotAddedToChat.class,
              cursor -> ChatMembershipReader.read(cursor, BotAddedToChat::new)),
          BotRemovedFromChat.EVENT_TYPE,
          new Known(
              BotRemovedFromChat.class,
              cursor -> ChatMembershipReader.read(cursor, BotRemovedFromChat::new)),
          CardActionTriggered.EVENT_TYPE,
          new Known(CardActionTriggered.class, CardActionReader::read));

  private EventReaders() {}

  /** The reader for {@code eventType}, or null when the type has no record. */
  static EventReader forType(String eventType) {
    Known known = KNOWN.get(eventType);
    return known == null ? null : known.reader();
  }

  /** The record {@code eventType} is read into: {@link RawEvent} for a type without one. */
  static Class<? extends FeishuEvent> recordOf(String eventType) {
    Known known = KNOWN.get(eventType);
    return known == null ? RawEvent.class : known.record();
  }

  /**
   * Reads with {@code reader} the object whose start {@code cursor} just read: the typed event, or
   * an {@link UnreadableEvent} naming the first problem.
   */
  static FeishuEvent read(String eventType, EventReader reader, JsonCursor cursor)
      throws IOException {
    FeishuEvent event = reader.read(cursor);
    String problem = cursor.problem();
    if (problem != null || event == null) {
      return new UnreadableEvent(eventType, problem == null ? "unreadable" : problem);
    }
    return event;
  }

  /** The action in the flat body of a legacy card callback. */
  static FeishuEvent legacyCardAction(JsonNode body) {
    return readTree(LegacyCardCallback.EVENT_TYPE, CardActionReader::readLegacy, (ObjectNode) body);
  }

  /** The event of type {@code eventType} in an {@code event} tree, which may be null. */
  static FeishuEvent fromTree(String eventType, JsonNode event) {
    if (event == null || event.isNull()) {
      return new UnreadableEvent(eventType, "event missing");
    }
    if (!event.isObject()) {
      return new UnreadableEvent(eventType, "event is not an object");
    }
    EventReader reader = forType(eventType);
    if (reader == null) {
      return new RawEvent(eventType, event);
    }
    return readTree(eventType, reader, (ObjectNode) event);
  }

  private static FeishuEvent readTree(String eventType, EventReader reader, ObjectNode event) {
    try (JsonParser parser = event.traverse()) {
      parser.nextToken();
      return read(eventType, reader, new JsonCursor(JsonTokens.of(parser), false));
    } catch (IOException e) {
      // A tree's traversal does no I/O and holds only valid values.
      throw new UncheckedIOException(e);
    }
  }
}
