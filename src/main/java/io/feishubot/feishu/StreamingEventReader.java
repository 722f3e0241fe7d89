package io.feishubot.feishu;

import static io.feishubot.feishu.JsonCursor.once;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads the common plaintext, a schema 2.0 event of a type with a record, from its tokens ({@link
 * Utf8JsonTokens}) straight into an {@link EventCallback}, without building a tree (the tree was
 * most of the parse time, bench/jmh). The event object is read by its type's reader from {@link
 * EventReaders}, the same reader the tree parser uses, so both produce the same event.
 *
 * <p>It answers only when it is sure the tree reader would answer the same, and declines (returns
 * null) otherwise: on any JSON error, parser limit, duplicate key, trailing token, non-object root,
 * {@code encrypt} or {@code type: url_verification} at the root, a missing or wrongly typed
 * envelope or header field, an {@code event} that is not an object, an event type without a record,
 * or an {@code event} that comes before the {@code header} (Feishu sends the header first). {@link
 * EnvelopeParser} then parses the same bytes with the tree, which produces the answer or the error
 * with all its checks; declining is never a decision. Thread-safe.
 */
final class StreamingEventReader {

  private final int maxStringLength;
  private final int maxDepth;

  /**
   * @param maxStringLength the tree reader's string limit: longer inputs are declined, so no string
   *     this reader checks without keeping can have exceeded it
   * @param maxNestingDepth the tree reader's nesting limit, which this reader keeps too
   */
  StreamingEventReader(int maxStringLength, int maxNestingDepth) {
    this.maxStringLength = maxStringLength;
    this.maxDepth = Math.min(maxNestingDepth, Utf8JsonTokens.MAX_DEPTH);
  }

  /** The event, or null if the tree reader must decide. */
  EventCallback read(byte[] json) {
    // A decoded string is never longer than the bytes that spell it.
    if (json == null || json.length == 0 || json.length > maxStringLength) {
      return null;
    }
    try {
      return root(new JsonCursor(new Utf8JsonTokens(json, maxDepth), true));
    } catch (IOException | JsonCursor.Decline e) {
      return null;
    }
  }

  private static EventCallback root(JsonCursor cursor) throws IOException {
    if (cursor.next() != JsonToken.START_OBJECT) {
      throw JsonCursor.Decline.INSTANCE;
    }
    int mark = cursor.enter();
    int seen = 0;
    String type = null;
    String schema = null;
    EventHeader header = null;
    FeishuEvent event = null;
    for (String name = cursor.nextName(); name != null; name = cursor.nextName()) {
      JsonToken value = cursor.next();
      switch (name) {
        case "encrypt" -> throw JsonCursor.Decline.INSTANCE;
        case "type" -> {
          seen = once(seen, 1 << 0);
          type = cursor.strictString(value);
        }
        case "schema" -> {
          seen = once(seen, 1 << 1);
          schema = cursor.strictString(value);
        }
        case "header" -> {
          seen = once(seen, 1 << 2);
          header = header(cursor, value);
        }
        case "event" -> {
          seen = once(seen, 1 << 3);
          event = event(cursor, header, value);
        }
        default -> cursor.other(mark, name, value);
      }
    }
    cursor.leave(mark);
    if (cursor.next() != null
        || "url_verification".equals(type)
        || schema == null
        || schema.isBlank()
        || header == null
        || event == null) {
      throw JsonCursor.Decline.INSTANCE;
    }
    return new EventCallback(Schema.V2, header, event);
  }

  private static FeishuEvent event(JsonCursor cursor, EventHeader header, JsonToken start)
      throws IOException {
    JsonCursor.requireObject(start);
    EventReaders.EventReader reader =
        header == null ? null : EventReaders.forType(header.eventType());
    if (reader == null) {
      throw JsonCursor.Decline.INSTANCE;
    }
    return EventReaders.read(header.eventType(), reader, cursor);
  }

  private static EventHeader header(JsonCursor cursor, JsonToken start) throws IOException {
    JsonCursor.requireObject(start);
    int mark = cursor.enter();
    int seen = 0;
    String eventId = null;
    String eventType = null;
    String verificationToken = null;
    String appId = null;
    String tenantKey = null;
    String createTime = null;
    for (String name = cursor.nextName(); name != null; name = cursor.nextName()) {
      JsonToken value = cursor.next();
      switch (name) {
        case "event_id" -> {
          seen = once(seen, 1 << 0);
          eventId = cursor.strictString(value);
        }
        case "event_type" -> {
          seen = once(seen, 1 << 1);
          eventType = cursor.strictString(value);
        }
        case "token" -> {
          seen = once(seen, 1 << 2);
          verificationToken = cursor.strictString(value);
        }
        case "app_id" -> {
          seen = once(seen, 1 << 3);
          appId = cursor.strictString(value);
        }
        case "tenant_key" -> {
          seen = once(seen, 1 << 4);
          tenantKey = cursor.strictString(value);
        }
        case "create_time" -> {
          seen = once(seen, 1 << 5);
          createTime = cursor.strictString(value);
        }
        default -> cursor.other(mark, name, value);
      }
    }
    cursor.leave(mark);
    if (eventId == null || eventId.isBlank() || eventType == null || eventType.isBlank()) {
      throw JsonCursor.Decline.INSTANCE;
    }
    return new EventHeader(eventId, eventType, verificationToken, appId, tenantKey, createTime);
  }
}
