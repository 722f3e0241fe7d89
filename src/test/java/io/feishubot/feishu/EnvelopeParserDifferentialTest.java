package io.feishubot.feishu;

import static io.feishubot.feishu.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader against the tree reader it replaces on the hot path, on real fixtures bent
 * in many ways: reordered, duplicated, retyped, deepened, escaped, truncated, with trailing data
 * and stray bytes. For every input, {@link EnvelopeParser#parseDecrypted} and {@link
 * EnvelopeParser#parse} must answer exactly as the tree reader does (same envelope and message, or
 * the same error message), and the streaming reader alone must never accept what the tree rejects.
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
  };

  private final EnvelopeParser parser = new EnvelopeParser();

  @Test
  void streamingAndTreeAgree_onMutatedFixtures() {
    Random random = new Random(20261127L);
    List<JsonText> bases = bases();
    int streamed = 0;
    int rejected = 0;
    for (int n = 0; n < CASES; n++) {
      JsonText doc = bases.get(random.nextInt(bases.size())).copy();
      int mutations = random.nextInt(4);
      for (int m = 0; m < mutations; m++) {
        mutate(doc, random);
      }
      double escape = random.nextInt(4) == 0 ? random.nextDouble() * 0.3 : 0;
      byte[] json = bytes(doc.render(random, escape), random);
      Agreement agreement = compare(json);
      streamed += agreement.streamed() ? 1 : 0;
      rejected += agreement.treeRejected() ? 1 : 0;
    }
    // The comparison means something only if both sides of it were exercised often.
    assertTrue(streamed > CASES / 5, "streaming reader accepted only " + streamed);
    assertTrue(rejected > CASES / 5, "tree reader rejected only " + rejected);
  }

  @Test
  void streamingReadsEveryMessageFixture_inAnyFieldOrder() {
    Random random = new Random(7);
    for (String fixture : FIXTURES) {
      if (!fixture.startsWith(MessageReceived.EVENT_TYPE)) {
        continue;
      }
      for (int n = 0; n < 200; n++) {
        JsonText doc = base(fixture);
        shuffleAll(doc, random);
        byte[] json = doc.render(random, n % 2 == 0 ? 0 : 0.2).getBytes(StandardCharsets.UTF_8);
        assertTrue(compare(json).streamed(), () -> "declined " + new String(json, UTF8));
      }
    }
  }

  record Agreement(boolean streamed, boolean treeRejected) {}

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
    if (streamed != null) {
      if (treeRejected) {
        fail("streaming accepted what the tree rejects (" + tree + "): " + text);
      }
      assertEquals(tree, describe(streamed), () -> "streaming disagrees on " + text);
      // The streaming reader keeps no tree, so it must have read a message event completely.
      assertNull(streamed.event());
      if (MessageReceived.EVENT_TYPE.equals(streamed.header().eventType())) {
        assertNotNull(streamed.message(), text);
      } else {
        assertNull(streamed.message(), text);
      }
    }
    return new Agreement(streamed != null, treeRejected);
  }

  static String outcome(Supplier<Envelope> parse) {
    try {
      return describe(parse.get());
    } catch (MalformedPayloadException e) {
      return "rejected: " + e.getMessage();
    }
  }

  /** Everything a caller can learn from an envelope, including its message or message error. */
  static String describe(Envelope envelope) {
    if (!(envelope instanceof EventCallback callback)) {
      return envelope.toString();
    }
    String message = "-";
    if (MessageReceived.EVENT_TYPE.equals(callback.header().eventType())) {
      try {
        message = callback.messageReceived().toString();
      } catch (MalformedPayloadException e) {
        message = "message rejected: " + e.getMessage();
      }
    }
    return callback.schema() + " " + callback.header() + " " + message;
  }

  // ---- inputs ----

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
    {"event", "type"},
    {"uuid"},
    {"challenge"},
  };

  private static void mutate(JsonText doc, Random random) {
    switch (random.nextInt(12)) {
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
                  new Str("im.chat.updated_v1"),
                  new Str(" "),
                  JsonText.NULL));
        }
      }
      case 9 -> mentions(doc, random);
      case 10 -> shuffleAll(doc, random);
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
    return pick(random, "x", "y", "id", "message", "sender", "header", "ü", "名", "a b", "");
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
