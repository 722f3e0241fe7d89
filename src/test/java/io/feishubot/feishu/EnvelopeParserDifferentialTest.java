package io.feishubot.feishu;

import static io.feishubot.feishu.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.feishubot.feishu.JsonText.Arr;
import io.feishubot.feishu.JsonText.Field;
import io.feishubot.feishu.JsonText.Obj;
import io.feishubot.feishu.JsonText.Raw;
import io.feishubot.feishu.JsonText.Str;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader against the tree reader it replaces on the hot path, on real fixtures bent
 * in many ways: reordered, duplicated, retyped, deepened, escaped, truncated, with trailing data
 * and stray bytes. For every input, {@link EnvelopeParser#parseDecrypted} and {@link
 * EnvelopeParser#parse} must answer exactly as the tree reader does (same envelope and typed event,
 * unreadable events with the same problem, or the same error message), and the streaming reader
 * alone must never accept what the tree rejects.
 */
class EnvelopeParserDifferentialTest {

  private static final int CASES = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Charset UTF8 = StandardCharsets.UTF_8;
  private static final String[] FIXTURES = {
    "im.message.receive_v1-group-mention.json",
    "im.message.receive_v1-p2p-help.json",
    "event_callback-v1-app_ticket.json",
    "url_verification-plain.json",
    "card.action.trigger_v1-button.json",
    "im.chat.member.bot.added_v1-group.json",
    "im.chat.member.bot.deleted_v1-group.json",
    "card.action.trigger-button.json",
  };

  /** The fixtures of event types with a record, which the streaming reader must read itself. */
  private static final String[] RECORD_FIXTURES = {
    "im.message.receive_v1-group-mention.json",
    "im.message.receive_v1-p2p-help.json",
    "im.chat.member.bot.added_v1-group.json",
    "im.chat.member.bot.deleted_v1-group.json",
    "card.action.trigger-button.json",
  };

  private final EnvelopeParser parser = new EnvelopeParser();

  @Test
  void streamingAndTreeAgree_onMutatedFixtures() {
    Random random = new Random(20261127L);
    List<JsonText> bases = bases();
    int streamed = 0;
    int rejected = 0;
    Map<String, Integer> streamedByKind = new TreeMap<>();
    for (int n = 0; n < CASES; n++) {
      JsonText doc = bases.get(random.nextInt(bases.size())).copy();
      int mutations = random.nextInt(4);
      for (int m = 0; m < mutations; m++) {
        mutate(doc, random);
      }
      double escape = random.nextInt(4) == 0 ? random.nextDouble() * 0.3 : 0;
      byte[] json = bytes(doc.render(random, escape), random);
      Agreement agreement = compare(json);
      streamed += agreement.streamed() != null ? 1 : 0;
      rejected += agreement.treeRejected() ? 1 : 0;
      if (agreement.streamed() != null) {
        streamedByKind.merge(agreement.streamed().getClass().getSimpleName(), 1, Integer::sum);
      }
    }
    // The comparison means something only if both sides of it were exercised often.
    assertTrue(streamed > CASES / 5, "streaming reader accepted only " + streamed);
    assertTrue(rejected > CASES / 5, "tree reader rejected only " + rejected);
    // ... and every reader, readable and not, on the streaming side.
    for (Class<?> kind :
        List.of(
            MessageReceived.class,
            BotAddedToChat.class,
            BotRemovedFromChat.class,
            CardActionTriggered.class,
            UnreadableEvent.class)) {
      int count = streamedByKind.getOrDefault(kind.getSimpleName(), 0);
      assertTrue(count > CASES / 50, "streamed " + streamedByKind);
    }
  }

  @Test
  void streamingReadsEveryFixtureOfATypeWithARecord_inAnyFieldOrder_headerFirst() {
    Random random = new Random(7);
    for (String fixture : RECORD_FIXTURES) {
      String eventType = eventTypeOf(fixture);
      Class<? extends FeishuEvent> record = FeishuEvent.recordOf(eventType);
      assertTrue(record != RawEvent.class, fixture);
      for (int n = 0; n < 200; n++) {
        JsonText doc = base(fixture);
        shuffleAll(doc, random);
        headerFirst((Obj) doc);
        byte[] json = doc.render(random, n % 2 == 0 ? 0 : 0.2).getBytes(StandardCharsets.UTF_8);
        FeishuEvent streamed = compare(json).streamed();
        assertNotNull(streamed, () -> "declined " + new String(json, UTF8));
        assertInstanceOf(record, streamed, () -> new String(json, UTF8));
      }
    }
  }

  @Test
  void streamingDeclines_whenTheEventComesBeforeTheHeader_andTheTreeReadsItTheSame() {
    Random random = new Random(11);
    for (String fixture : RECORD_FIXTURES) {
      Class<? extends FeishuEvent> record = FeishuEvent.recordOf(eventTypeOf(fixture));
      for (int n = 0; n < 50; n++) {
        Obj doc = (Obj) base(fixture);
        shuffleAll(doc, random);
        headerFirst(doc);
        List<Field> fields = doc.fields();
        int header = indexOf(fields, "header");
        int event = indexOf(fields, "event");
        Collections.swap(fields, header, event);
        byte[] json = doc.render(random, 0).getBytes(StandardCharsets.UTF_8);
        String text = new String(json, UTF8);
        assertNull(parser.readStreaming(json), () -> "streamed " + text);
        Agreement agreement = compare(json);
        assertFalse(agreement.treeRejected(), text);
        EventCallback combined = (EventCallback) parser.parseDecrypted(json);
        assertInstanceOf(record, combined.event(), text);
        // The same event as when the header comes first.
        Collections.swap(fields, header, event);
        EventCallback headerFirst =
            parser.readStreaming(doc.render(random, 0).getBytes(StandardCharsets.UTF_8));
        assertEquals(headerFirst, combined, text);
      }
    }
  }

  /** {@code streamed} is the streaming reader's event, null where it declined. */
  record Agreement(FeishuEvent streamed, boolean treeRejected) {}

  /** Asserts that all readers agree on {@code json}. */
  Agreement compare(byte[] json) {
    String tree = outcome(() -> parser.parseDecryptedTree(json));
    String combined = outcome(() -> parser.parseDecrypted(json));
    String text = new String(json, UTF8);
    assertEquals(tree, combined, () -> "parseDecrypted disagrees on " + text);
    assertEquals(
        outcome(() -> parser.parseTree(json)),
        outcome(() -> parser.parse(json)),
        () -> "parse disagrees on " + text);
    EventCallback streamed = parser.readStreaming(json);
    boolean treeRejected = tree.startsWith("rejected");
    if (!treeRejected && parser.parseDecryptedTree(json) instanceof EventCallback callback) {
      assertTyped(callback, text);
    }
    if (streamed != null) {
      if (treeRejected) {
        fail("streaming accepted what the tree rejects (" + tree + "): " + text);
      }
      assertEquals(tree, describe(streamed), () -> "streaming disagrees on " + text);
      assertTyped(streamed, text);
      // The streaming reader reads only types with a record, whole, and only schema 2.0.
      assertEquals(Schema.V2, streamed.schema(), text);
      assertFalse(streamed.event() instanceof RawEvent, text);
      assertTrue(
          FeishuEvent.recordOf(streamed.header().eventType()) != RawEvent.class,
          () -> "streamed a type without a record: " + text);
    }
    return new Agreement(streamed == null ? null : streamed.event(), treeRejected);
  }

  /** The event is of the header's type: its record, or unreadable. */
  private static void assertTyped(EventCallback callback, String text) {
    String eventType = callback.header().eventType();
    FeishuEvent event = callback.event();
    assertEquals(eventType, event.eventType(), text);
    if (!(event instanceof UnreadableEvent)) {
      assertInstanceOf(FeishuEvent.recordOf(eventType), event, text);
    }
  }

  static String outcome(Supplier<Envelope> parse) {
    try {
      return describe(parse.get());
    } catch (MalformedPayloadException e) {
      return "rejected: " + e.getMessage();
    }
  }

  /**
   * Everything a caller can learn from an envelope: its schema, header and typed event (or the
   * problem that made the event unreadable). The values of a card action, whose types are the
   * sender's choice, are spelled with their Java types, which {@code toString} would hide.
   */
  static String describe(Envelope envelope) {
    if (!(envelope instanceof EventCallback callback)) {
      return envelope.toString();
    }
    String event = callback.event().toString();
    if (callback.event() instanceof CardActionTriggered card) {
      event +=
          " value="
              + typed(card.action().value())
              + " form_value="
              + typed(card.action().formValue());
    }
    return callback.schema() + " " + callback.header() + " " + event;
  }

  /** {@code value} with the Java type of each leaf: {@code 1} and {@code "1"} differ. */
  static String typed(Object value) {
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("{");
      map.forEach((k, v) -> out.append(k).append('=').append(typed(v)).append(';'));
      return out.append('}').toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder("[");
      list.forEach(v -> out.append(typed(v)).append(';'));
      return out.append(']').toString();
    }
    return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
  }

  // ---- inputs ----

  /** The {@code header.event_type} of a fixture. */
  static String eventTypeOf(String fixture) {
    try {
      return JSON.readTree(event(fixture)).path("header").path("event_type").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonText base(String fixture) {
    try {
      return JsonText.of(JSON.readTree(event(fixture)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<JsonText> bases() {
    List<JsonText> bases = new ArrayList<>();
    for (String fixture : FIXTURES) {
      bases.add(base(fixture));
    }
    // The message fixtures again, so message events are the most common start, as in production.
    bases.add(base(FIXTURES[0]));
    bases.add(base(FIXTURES[0]));
    bases.add(base(FIXTURES[1]));
    return bases;
  }

  /** Fields the readers know, where a wrong type or a duplicate matters most. */
  private static final String[][] KNOWN_PATHS = {
    {"schema"},
    {"type"},
    {"encrypt"},
    {"header"},
    {"event"},
    {"header", "event_id"},
    {"header", "event_type"},
    {"header", "token"},
    {"header", "app_id"},
    {"header", "tenant_key"},
    {"header", "create_time"},
    {"event", "sender"},
    {"event", "message"},
    {"event", "sender", "sender_id"},
    {"event", "sender", "sender_type"},
    {"event", "sender", "tenant_key"},
    {"event", "sender", "sender_id", "open_id"},
    {"event", "sender", "sender_id", "user_id"},
    {"event", "sender", "sender_id", "union_id"},
    {"event", "message", "message_id"},
    {"event", "message", "root_id"},
    {"event", "message", "parent_id"},
    {"event", "message", "thread_id"},
    {"event", "message", "chat_id"},
    {"event", "message", "chat_type"},
    {"event", "message", "message_type"},
    {"event", "message", "content"},
    {"event", "message", "mentions"},
    {"event", "chat_id"},
    {"event", "operator_id"},
    {"event", "operator_id", "open_id"},
    {"event", "operator_id", "user_id"},
    {"event", "operator_id", "union_id"},
    {"event", "operator_tenant_key"},
    {"event", "name"},
    {"event", "external"},
    {"event", "operator"},
    {"event", "operator", "open_id"},
    {"event", "operator", "user_id"},
    {"event", "operator", "union_id"},
    {"event", "operator", "tenant_key"},
    {"event", "token"},
    {"event", "action"},
    {"event", "action", "value"},
    {"event", "action", "tag"},
    {"event", "action", "name"},
    {"event", "action", "form_value"},
    {"event", "action", "input_value"},
    {"event", "action", "option"},
    {"event", "action", "options"},
    {"event", "action", "checked"},
    {"event", "context"},
    {"event", "context", "open_message_id"},
    {"event", "context", "open_chat_id"},
    {"event", "type"},
    {"uuid"},
    {"challenge"},
  };

  private static void mutate(JsonText doc, Random random) {
    switch (random.nextInt(13)) {
      case 0 -> shuffle(randomObject(doc, random), random);
      case 1 -> duplicate(randomObject(doc, random), random);
      case 2 -> {
        Obj obj = randomObject(doc, random);
        if (!obj.fields().isEmpty()) {
          obj.fields().remove(random.nextInt(obj.fields().size()));
        }
      }
      case 3 -> {
        Obj obj = randomObject(doc, random);
        if (!obj.fields().isEmpty()) {
          int i = random.nextInt(obj.fields().size());
          Field field = obj.fields().get(i);
          obj.fields().set(i, new Field(field.name(), randomValue(random, 2)));
        }
      }
      case 4 -> randomObject(doc, random).with(randomName(random), randomValue(random, 3));
      case 5, 6 -> setKnown(doc, random);
      case 7 -> deepen(randomObject(doc, random), random);
      case 8 -> {
        if (doc instanceof Obj root && root.get("header") instanceof Obj header) {
          header.set(
              "event_type",
              pick(
                  random,
                  new Str(MessageReceived.EVENT_TYPE),
                  new Str(BotAddedToChat.EVENT_TYPE),
                  new Str(BotRemovedFromChat.EVENT_TYPE),
                  new Str(CardActionTriggered.EVENT_TYPE),
                  new Str("im.message.reaction.created_v1"),
                  new Str("im.chat.updated_v1"),
                  new Str(" "),
                  JsonText.NULL));
        }
      }
      case 9 -> mentions(doc, random);
      case 10 -> shuffleAll(doc, random);
      case 11 -> cardValues(doc, random);
      default -> {
        if (doc instanceof Obj root) {
          root.set(
              pick(random, "schema", "type", "encrypt"),
              pick(
                  random,
                  new Str("2.0"),
                  new Str("url_verification"),
                  new Str("event_callback"),
                  new Str(""),
                  JsonText.NULL,
                  new Raw("2")));
        }
      }
    }
  }

  /** Sets a known field (creating its parents) to a value of some type, often the wrong one. */
  private static void setKnown(JsonText doc, Random random) {
    if (!(doc instanceof Obj obj)) {
      return;
    }
    String[] path = KNOWN_PATHS[random.nextInt(KNOWN_PATHS.length)];
    for (int i = 0; i < path.length - 1; i++) {
      if (!(obj.get(path[i]) instanceof Obj child)) {
        return;
      }
      obj = child;
    }
    JsonText value =
        random.nextBoolean() ? randomValue(random, 2) : pick(random, new Str(" "), new Str(""));
    if (random.nextInt(3) == 0) {
      obj.with(path[path.length - 1], value); // a duplicate, when the field exists
    } else {
      obj.set(path[path.length - 1], value);
    }
  }

  /** A card action's free-form values: nested objects and arrays of every type of leaf. */
  private static void cardValues(JsonText doc, Random random) {
    if (!(doc instanceof Obj root)
        || !(root.get("event") instanceof Obj event)
        || !(event.get("action") instanceof Obj action)) {
      return;
    }
    switch (random.nextInt(3)) {
      case 0 ->
          action.set("value", random.nextInt(6) == 0 ? randomValue(random, 3) : object(random));
      case 1 ->
          action.set(
              "form_value", random.nextInt(6) == 0 ? randomValue(random, 3) : object(random));
      default -> {
        List<JsonText> items = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
          items.add(random.nextInt(5) == 0 ? randomValue(random, 1) : new Str("option_" + i));
        }
        action.set("options", random.nextInt(6) == 0 ? randomValue(random, 2) : new Arr(items));
      }
    }
  }

  private static Obj object(Random random) {
    Obj obj = new Obj();
    int size = 1 + random.nextInt(4);
    for (int i = 0; i < size; i++) {
      obj.with(randomName(random) + i, randomValue(random, 3));
    }
    return obj;
  }

  private static void mentions(JsonText doc, Random random) {
    if (!(doc instanceof Obj root)
        || !(root.get("event") instanceof Obj event)
        || !(event.get("message") instanceof Obj message)) {
      return;
    }
    List<JsonText> items = new ArrayList<>();
    int count = random.nextInt(6);
    for (int i = 0; i < count; i++) {
      if (random.nextInt(8) == 0) {
        items.add(randomValue(random, 1));
        continue;
      }
      Obj mention = new Obj().with("key", new Str("@_user_" + i));
      if (random.nextBoolean()) {
        Obj id = new Obj().with("open_id", new Str("ou_" + i)).with("union_id", new Str("on_" + i));
        id.with("user_id", random.nextBoolean() ? JsonText.NULL : new Str("u" + i));
        mention.with("id", random.nextInt(6) == 0 ? randomValue(random, 1) : id);
      }
      mention.with("name", random.nextInt(6) == 0 ? randomValue(random, 1) : new Str("N" + i));
      mention.with("tenant_key", new Str("tk"));
      if (random.nextInt(5) == 0) {
        duplicate(mention, random);
      }
      shuffle(mention, random);
      items.add(mention);
    }
    message.set("mentions", random.nextInt(8) == 0 ? randomValue(random, 1) : new Arr(items));
  }

  /** Nests arrays and objects around a new field, to near and past the depth limit. */
  private static void deepen(Obj obj, Random random) {
    int depth = 50 + random.nextInt(20);
    JsonText value = new Raw("1");
    for (int i = 0; i < depth; i++) {
      value =
          random.nextBoolean()
              ? new Arr(new ArrayList<>(List.of(value)))
              : new Obj().with(random.nextBoolean() ? "a" : randomName(random), value);
    }
    obj.with(randomName(random), value);
  }

  private static void duplicate(Obj obj, Random random) {
    if (obj.fields().isEmpty()) {
      return;
    }
    Field field = obj.fields().get(random.nextInt(obj.fields().size()));
    obj.with(field.name(), random.nextBoolean() ? field.value().copy() : randomValue(random, 2));
    shuffle(obj, random);
  }

  /** Moves the root's {@code header} before its {@code event}, as Feishu sends them. */
  private static void headerFirst(Obj root) {
    int header = indexOf(root.fields(), "header");
    int event = indexOf(root.fields(), "event");
    if (header > event) {
      Collections.swap(root.fields(), header, event);
    }
  }

  private static int indexOf(List<Field> fields, String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no field " + name);
  }

  private static void shuffle(Obj obj, Random random) {
    Collections.shuffle(obj.fields(), random);
  }

  private static void shuffleAll(JsonText json, Random random) {
    if (json instanceof Obj obj) {
      shuffle(obj, random);
      obj.fields().forEach(field -> shuffleAll(field.value(), random));
    } else if (json instanceof Arr arr) {
      arr.items().forEach(item -> shuffleAll(item, random));
    }
  }

  /** Any object in the document, the deeper ones as likely as the root. */
  private static Obj randomObject(JsonText doc, Random random) {
    List<Obj> objects = new ArrayList<>();
    collectObjects(doc, objects);
    return objects.isEmpty() ? new Obj() : objects.get(random.nextInt(objects.size()));
  }

  private static void collectObjects(JsonText json, List<Obj> into) {
    if (json instanceof Obj obj) {
      into.add(obj);
      obj.fields().forEach(field -> collectObjects(field.value(), into));
    } else if (json instanceof Arr arr) {
      arr.items().forEach(item -> collectObjects(item, into));
    }
  }

  private static String randomName(Random random) {
    return pick(
        random,
        "x",
        "y",
        "id",
        "message",
        "sender",
        "header",
        "ü",
        "名",
        "a b",
        "",
        "\ud83d\ude00",
        "\udc00");
  }

  private static final String[] STRINGS = {
    "",
    " ",
    "text",
    "\u00e9t\u00e9",
    "\u6d88\u606f",
    "\ud83d\ude00",
    "quote\"back\\slash",
    "\n\t",
    "\u0000",
    "\ud800",
  };

  private static final String[] LITERALS = {
    "0",
    "-1",
    "1.5e3",
    "12345678901234567890123",
    "1" + "0".repeat(1200),
    "1e999",
    "-0.0",
    "true",
    "false",
    "null",
    "01",
    "1.",
    "NaN",
    "+1",
  };

  private static JsonText randomValue(Random random, int depth) {
    int kind = random.nextInt(depth > 0 ? 5 : 3);
    return switch (kind) {
      case 0 -> new Str(STRINGS[random.nextInt(STRINGS.length)]);
      case 1 -> new Raw(LITERALS[random.nextInt(LITERALS.length)]);
      case 2 -> JsonText.NULL;
      case 3 -> {
        Obj obj = new Obj();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
          obj.with(randomName(random), randomValue(random, depth - 1));
        }
        yield obj;
      }
      default -> {
        List<JsonText> items = new ArrayList<>();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
          items.add(randomValue(random, depth - 1));
        }
        yield new Arr(items);
      }
    };
  }

  /** The rendered text as bytes, sometimes with trailing data, a cut, or stray bytes. */
  private static byte[] bytes(String text, Random random) {
    byte[] json = text.getBytes(StandardCharsets.UTF_8);
    switch (random.nextInt(16)) {
      case 0 -> {
        String tail = pick(random, " ", "\n", "{}", "]", "x", " {\"a\":1}", "\u0000", "\r\n\t");
        return (text + tail).getBytes(StandardCharsets.UTF_8);
      }
      case 1 -> {
        return Arrays.copyOf(json, random.nextInt(json.length));
      }
      case 2 -> {
        byte[][] strays = {
          {(byte) 0xFF},
          {(byte) 0xC3},
          {(byte) 0xC0, (byte) 0xAF},
          {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
          {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
          {0x01},
          {'"'},
          {'\\'}
        };
        byte[] stray = strays[random.nextInt(strays.length)];
        int at = random.nextInt(json.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(json, 0, at);
        out.write(stray, 0, stray.length);
        out.write(json, at, json.length - at);
        return out.toByteArray();
      }
      case 3 -> {
        return ("\ufeff" + text).getBytes(StandardCharsets.UTF_8);
      }
      default -> {
        return json;
      }
    }
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }
}
