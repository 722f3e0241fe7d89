package io.feishubot.feishu;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the common plaintext, a schema 2.0 event, from the parser's tokens straight into an {@link
 * EventCallback}, and an {@code im.message.receive_v1} event straight into {@link MessageReceived},
 * without building a tree (the tree was most of the parse time, bench/jmh).
 *
 * <p>It answers only when it is sure the tree reader would answer the same, and declines (returns
 * null) otherwise: on any JSON error, parser limit, duplicate key, trailing token, non-object root,
 * {@code encrypt} or {@code type: url_verification} at the root, a missing or wrongly typed
 * envelope or header field, or a message event whose message the tree reader would reject. {@link
 * EnvelopeParser} then parses the same bytes with the tree, which produces the answer or the error
 * with all its checks; declining is never a decision.
 *
 * <p>Every object is read to its end, skipped ones included, and every name is checked against its
 * siblings, so a duplicate key anywhere is seen as the tree builder sees it. Every string is
 * decoded, so malformed UTF-8 fails as it does in the tree. Thread-safe.
 */
final class StreamingEventReader {

  /** Objects with more names than this go to the tree, which bounds the sibling scan. */
  static final int MAX_NAMES_PER_OBJECT = 64;

  private final JsonFactory factory;
  private final int maxStringLength;

  /**
   * @param factory the tree reader's factory, so both see the same parser limits
   * @param maxStringLength the factory's string limit: longer inputs are declined, so no string
   *     this reader decodes without keeping can have exceeded it
   */
  StreamingEventReader(JsonFactory factory, int maxStringLength) {
    this.factory = factory;
    this.maxStringLength = maxStringLength;
  }

  /** The event, or null if the tree reader must decide. */
  EventCallback read(byte[] json) {
    // A decoded string is never longer than the bytes that spell it.
    if (json == null || json.length == 0 || json.length > maxStringLength) {
      return null;
    }
    try (JsonParser parser = factory.createParser(json)) {
      return new Cursor(parser).root();
    } catch (IOException | Decline e) {
      return null;
    }
  }

  /** Declining; preallocated and without a stack trace, as it is control flow. */
  private static final class Decline extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Decline INSTANCE = new Decline();

    private Decline() {
      super(null, null, false, false);
    }
  }

  /** One read: the parser, and the names of every object open on the path to the current one. */
  private static final class Cursor {

    private final JsonParser parser;
    private String[] names = new String[32];
    private int nameCount;
    private final MessageFields message = new MessageFields();

    Cursor(JsonParser parser) {
      this.parser = parser;
    }

    EventCallback root() throws IOException {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw Decline.INSTANCE;
      }
      int siblings = nameCount;
      int seen = 0;
      String type = null;
      String schema = null;
      EventHeader header = null;
      boolean event = false;
      for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
        JsonToken value = parser.nextToken();
        switch (name) {
          case "encrypt" -> throw Decline.INSTANCE;
          case "type" -> {
            seen = once(seen, 1 << 0);
            type = optionalString(value);
          }
          case "schema" -> {
            seen = once(seen, 1 << 1);
            schema = optionalString(value);
          }
          case "header" -> {
            seen = once(seen, 1 << 2);
            header = header(value);
          }
          case "event" -> {
            seen = once(seen, 1 << 3);
            event = event(value);
          }
          default -> {
            addName(siblings, name);
            skip(value);
          }
        }
      }
      nameCount = siblings;
      if (parser.nextToken() != null
          || "url_verification".equals(type)
          || schema == null
          || schema.isBlank()
          || header == null
          || !event) {
        throw Decline.INSTANCE;
      }
      if (!MessageReceived.EVENT_TYPE.equals(header.eventType())) {
        return new EventCallback(Schema.V2, header, null, null);
      }
      MessageReceived received = message.build();
      if (received == null) {
        throw Decline.INSTANCE;
      }
      return new EventCallback(Schema.V2, header, null, received);
    }

    private EventHeader header(JsonToken start) throws IOException {
      requireObject(start);
      int siblings = nameCount;
      int seen = 0;
      String eventId = null;
      String eventType = null;
      String verificationToken = null;
      String appId = null;
      String tenantKey = null;
      String createTime = null;
      for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
        JsonToken value = parser.nextToken();
        switch (name) {
          case "event_id" -> {
            seen = once(seen, 1 << 0);
            eventId = optionalString(value);
          }
          case "event_type" -> {
            seen = once(seen, 1 << 1);
            eventType = optionalString(value);
          }
          case "token" -> {
            seen = once(seen, 1 << 2);
            verificationToken = optionalString(value);
          }
          case "app_id" -> {
            seen = once(seen, 1 << 3);
            appId = optionalString(value);
          }
          case "tenant_key" -> {
            seen = once(seen, 1 << 4);
            tenantKey = optionalString(value);
          }
          case "create_time" -> {
            seen = once(seen, 1 << 5);
            createTime = optionalString(value);
          }
          default -> {
            addName(siblings, name);
            skip(value);
          }
        }
      }
      nameCount = siblings;
      if (eventId == null || eventId.isBlank() || eventType == null || eventType.isBlank()) {
        throw Decline.INSTANCE;
      }
      return new EventHeader(eventId, eventType, verificationToken, appId, tenantKey, createTime);
    }

    /** Reads the event as a message, leniently: the header may not have said what it is yet. */
    private boolean event(JsonToken token) throws IOException {
      requireObject(token);
      int siblings = nameCount;
      int seen = 0;
      for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
        JsonToken value = parser.nextToken();
        switch (name) {
          case "sender" -> {
            seen = once(seen, 1 << 0);
            sender(value);
          }
          case "message" -> {
            seen = once(seen, 1 << 1);
            message(value);
          }
          default -> {
            addName(siblings, name);
            skip(value);
          }
        }
      }
      nameCount = siblings;
      return true;
    }

    private void sender(JsonToken token) throws IOException {
      if (!lenientObject(token)) {
        return;
      }
      MessageFields m = message;
      m.senderPresent = true;
      int siblings = nameCount;
      int seen = 0;
      for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
        JsonToken value = parser.nextToken();
        switch (name) {
          case "sender_type" -> {
            seen = once(seen, 1 << 0);
            m.senderType = lenientString(value);
          }
          case "tenant_key" -> {
            seen = once(seen, 1 << 1);
            m.senderTenantKey = lenientString(value);
          }
          case "sender_id" -> {
            seen = once(seen, 1 << 2);
            if (lenientObject(value)) {
              String[] ids = ids();
              m.senderOpenId = ids[0];
              m.senderUserId = ids[1];
              m.senderUnionId = ids[2];
            }
          }
          default -> {
            addName(siblings, name);
            skip(value);
          }
        }
      }
      nameCount = siblings;
    }

    private void message(JsonToken token) throws IOException {
      if (!lenientObject(token)) {
        return;
      }
      MessageFields m = message;
      m.messagePresent = true;
      int siblings = nameCount;
      int seen = 0;
      for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
        JsonToken value = parser.nextToken();
        switch (name) {
          case "message_id" -> {
            seen = once(seen, 1 << 0);
            m.messageId = lenientString(value);
          }
          case "root_id" -> {
            seen = once(seen, 1 << 1);
            m.rootId = lenientString(value);
          }
          case "parent_id" -> {
            seen = once(seen, 1 << 2);
            m.parentId = lenientString(value);
          }
          case "thread_id" -> {
            seen = once(seen, 1 << 3);
            m.threadId = lenientString(value);
          }
          case "chat_id" -> {
            seen = once(seen, 1 << 4);
            m.chatId = lenientString(value);
          }
          case "chat_type" -> {
            seen = once(seen, 1 << 5);
            m.chatType = lenientString(value);
          }
          case "message_type" -> {
            seen = once(seen, 1 << 6);
            m.messageType = lenientString(value);
          }
          case "content" -> {
            seen = once(seen, 1 << 7);
            m.content = lenientString(value);
          }
          case "mentions" -> {
            seen = once(seen, 1 << 8);
            mentions(value);
          }
          default -> {
            addName(siblings, name);
            skip(value);
          }
        }
      }
      nameCount = siblings;
    }

    private void mentions(JsonToken token) throws IOException {
      MessageFields m = message;
      m.mentionCount = 0;
      if (token == JsonToken.VALUE_NULL) {
        return;
      }
      if (token != JsonToken.START_ARRAY) {
        m.valid = false;
        skip(token);
        return;
      }
      for (JsonToken entry = parser.nextToken();
          entry != JsonToken.END_ARRAY;
          entry = parser.nextToken()) {
        if (entry == null) {
          throw Decline.INSTANCE;
        }
        if (!lenientObject(entry)) {
          m.valid = false;
          continue;
        }
        m.addMention(mention());
      }
    }

    private MessageReceived.Mention mention() throws IOException {
      String key = null;
      String displayName = null;
      String[] ids = null;
      int siblings = nameCount;
      int seen = 0;
      for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
        JsonToken value = parser.nextToken();
        switch (name) {
          case "key" -> {
            seen = once(seen, 1 << 0);
            key = lenientString(value);
          }
          case "name" -> {
            seen = once(seen, 1 << 1);
            displayName = lenientString(value);
          }
          case "id" -> {
            seen = once(seen, 1 << 2);
            ids = lenientObject(value) ? ids() : null;
          }
          default -> {
            addName(siblings, name);
            skip(value);
          }
        }
      }
      nameCount = siblings;
      return ids == null
          ? new MessageReceived.Mention(key, null, null, null, displayName)
          : new MessageReceived.Mention(key, ids[0], ids[1], ids[2], displayName);
    }

    /** {@code open_id}, {@code user_id} and {@code union_id} of an object already entered. */
    private String[] ids() throws IOException {
      String[] ids = new String[3];
      int siblings = nameCount;
      int seen = 0;
      for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
        JsonToken value = parser.nextToken();
        switch (name) {
          case "open_id" -> {
            seen = once(seen, 1 << 0);
            ids[0] = lenientString(value);
          }
          case "user_id" -> {
            seen = once(seen, 1 << 1);
            ids[1] = lenientString(value);
          }
          case "union_id" -> {
            seen = once(seen, 1 << 2);
            ids[2] = lenientString(value);
          }
          default -> {
            addName(siblings, name);
            skip(value);
          }
        }
      }
      nameCount = siblings;
      return ids;
    }

    /** A string or null, as {@link JsonFields#optionalString}; any other type declines. */
    private String optionalString(JsonToken token) throws IOException {
      if (token == JsonToken.VALUE_STRING) {
        return parser.getText();
      }
      if (token != JsonToken.VALUE_NULL) {
        throw Decline.INSTANCE;
      }
      return null;
    }

    /** A string or null; any other type marks the message invalid and is skipped. */
    private String lenientString(JsonToken token) throws IOException {
      if (token == JsonToken.VALUE_STRING) {
        return parser.getText();
      }
      if (token != JsonToken.VALUE_NULL) {
        message.valid = false;
        skip(token);
      }
      return null;
    }

    /**
     * True if the value is an object (now entered); null is false, and any other type marks the
     * message invalid and is skipped.
     */
    private boolean lenientObject(JsonToken token) throws IOException {
      if (token == JsonToken.START_OBJECT) {
        return true;
      }
      if (token != JsonToken.VALUE_NULL) {
        message.valid = false;
        skip(token);
      }
      return false;
    }

    private static void requireObject(JsonToken token) {
      if (token != JsonToken.START_OBJECT) {
        throw Decline.INSTANCE;
      }
    }

    /** Reads past a value, checking names and decoding strings as the tree builder would. */
    private void skip(JsonToken token) throws IOException {
      if (token == null) {
        throw Decline.INSTANCE;
      }
      switch (token) {
        case START_OBJECT -> {
          int siblings = nameCount;
          for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            addName(siblings, name);
            skip(parser.nextToken());
          }
          nameCount = siblings;
        }
        case START_ARRAY -> {
          for (JsonToken entry = parser.nextToken();
              entry != JsonToken.END_ARRAY;
              entry = parser.nextToken()) {
            skip(entry);
          }
        }
        case VALUE_STRING -> parser.getTextLength();
        default -> {
          // Numbers, true, false and null are complete (and within limits) once tokenized.
        }
      }
    }

    /**
     * Marks a known field of the object being read as seen, declining if it was already: with two
     * values for one key, readers can disagree on which one counts. Known names are told apart by
     * the switch, so a bit each is enough; other names go through {@link #addName}.
     */
    private static int once(int seen, int bit) {
      if ((seen & bit) != 0) {
        throw Decline.INSTANCE;
      }
      return seen | bit;
    }

    /**
     * Records {@code name} in the object whose names start at {@code siblings}, declining on a
     * duplicate: with two values for one key, readers can disagree on which one counts.
     */
    private void addName(int siblings, String name) {
      String[] all = names;
      int end = nameCount;
      int hash = name.hashCode();
      for (int i = siblings; i < end; i++) {
        // Names come from Jackson's symbol table, their hashes cached: compare those first.
        String other = all[i];
        if (other == name || (other.hashCode() == hash && other.equals(name))) {
          throw Decline.INSTANCE;
        }
      }
      if (end - siblings >= MAX_NAMES_PER_OBJECT) {
        throw Decline.INSTANCE;
      }
      if (end == all.length) {
        names = all = Arrays.copyOf(all, end * 2);
      }
      all[end] = name;
      nameCount = end + 1;
    }
  }

  /** What the event said about a message, collected in any field order. */
  private static final class MessageFields {
    boolean valid = true;
    boolean senderPresent;
    String senderType;
    String senderOpenId;
    String senderUserId;
    String senderUnionId;
    String senderTenantKey;
    boolean messagePresent;
    String messageId;
    String rootId;
    String parentId;
    String threadId;
    String chatId;
    String chatType;
    String messageType;
    String content;
    MessageReceived.Mention[] mentions;
    int mentionCount;

    void addMention(MessageReceived.Mention mention) {
      if (mentions == null) {
        mentions = new MessageReceived.Mention[4];
      } else if (mentionCount == mentions.length) {
        mentions = Arrays.copyOf(mentions, mentionCount * 2);
      }
      mentions[mentionCount++] = mention;
    }

    private List<MessageReceived.Mention> mentions() {
      return switch (mentionCount) {
        case 0 -> List.of();
        case 1 -> List.of(mentions[0]);
        default -> List.of(Arrays.copyOf(mentions, mentionCount));
      };
    }

    /** The message as {@link MessageReceived#from} would read it, or null where it would throw. */
    MessageReceived build() {
      if (!valid
          || !messagePresent
          || messageId == null
          || messageId.isBlank()
          || messageType == null
          || messageType.isBlank()) {
        return null;
      }
      MessageReceived.Sender sender =
          senderPresent
              ? new MessageReceived.Sender(
                  senderType, senderOpenId, senderUserId, senderUnionId, senderTenantKey)
              : null;
      return new MessageReceived(
          sender,
          new MessageReceived.Message(
              messageId,
              rootId,
              parentId,
              threadId,
              chatId,
              chatType,
              messageType,
              content,
              mentions()));
    }
  }
}
