package io.feishubot.feishu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.feishubot.feishu.JsonText.Arr;
import io.feishubot.feishu.JsonText.Obj;
import io.feishubot.feishu.JsonText.Raw;
import io.feishubot.feishu.JsonText.Str;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tokens of request bytes against Jackson's on the same bytes: on every document they accept,
 * the same tokens, names, decoded strings and numbers of the same Java type; on every document
 * Jackson refuses, a decline. Valid documents are never declined unless they pass a limit.
 */
class Utf8JsonTokensTest {

  private static final int CASES = 5_000;
  private static final JsonFactory JACKSON =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
          .build();

  @Test
  void agreesWithJackson_onRandomDocuments_andNeverDeclinesAValidOne() {
    Random random = new Random(20261202L);
    for (int n = 0; n < CASES; n++) {
      byte[] json = randomValue(random, 4).render(random, n % 3 == 0 ? 0.2 : 0).getBytes(UTF8);
      List<String> theirs = jackson(json);
      assertTrue(theirs != null, () -> "generated invalid JSON: " + text(json));
      assertEquals(theirs, ours(json), () -> text(json));
    }
  }

  @Test
  void agreesWithJackson_onBentDocuments_declining_whereverJacksonRefuses() {
    Random random = new Random(7L);
    int refused = 0;
    int read = 0;
    for (int n = 0; n < CASES; n++) {
      byte[] json = bend(randomValue(random, 3).render(random, 0.1).getBytes(UTF8), random);
      List<String> theirs = jackson(json);
      List<String> mine = ours(json);
      if (mine != null) {
        read++;
        assertEquals(theirs, mine, () -> "read what Jackson reads otherwise: " + text(json));
      }
      if (theirs == null) {
        refused++;
        assertNull(mine, () -> "read what Jackson refuses: " + text(json));
      }
    }
    // Both sides of the comparison were exercised often.
    assertTrue(refused > CASES / 5, "Jackson refused " + refused);
    assertTrue(read > CASES / 5, "read " + read);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\":1,}",
        "[1,]",
        "{,}",
        "{\"a\" 1}",
        "{\"a\":01}",
        "{\"a\":1.}",
        "{\"a\":-}",
        "{\"a\":.5}",
        "{\"a\":1e}",
        "{\"a\":+1}",
        "{\"a\":NaN}",
        "{\"a\":tru}",
        "{\"a\":truex}",
        "{\"a\":nul}",
        "{'a':1}",
        "{a:1}",
        "{\"a\":\"\\x\"}",
        "{\"a\":\"\\u12\"}",
        "{\"a\":\"\t\"}",
        "{\"a\":1}/* c */",
        "{\"a\":1} 2",
        "{\"a\":[}",
        "{\"a\":1",
        "\"a",
      })
  void declines_whatJsonDoesNotAllow(String json) {
    assertEquals(null, jackson(json.getBytes(UTF8)), "Jackson accepts " + json);
    assertNull(ours(json.getBytes(UTF8)), json);
  }

  @Test
  void declines_malformedAndUnusualUtf8_whichTheTreeThenJudges() {
    byte[][] strays = {
      {(byte) 0xFF},
      {(byte) 0xC3}, // a lead byte without its continuation
      {(byte) 0xC0, (byte) 0xAF}, // overlong '/'
      {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, // overlong
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a surrogate
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // past U+10FFFF
      {(byte) 0x80}, // a continuation alone
    };
    for (byte[] stray : strays) {
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      json.writeBytes("{\"a\":\"x".getBytes(UTF8));
      json.writeBytes(stray);
      json.writeBytes("y\"}".getBytes(UTF8));
      assertNull(ours(json.toByteArray()), () -> Arrays.toString(stray));
    }
  }

  @Test
  void declines_longNamesAndNumbers_whichTheTreeThenJudges() {
    assertNull(ours(("{\"" + "n".repeat(257) + "\":1}").getBytes(UTF8)));
    assertEquals(2, ours(("{\"" + "n".repeat(256) + "\":1}").getBytes(UTF8)).size() - 2);
    assertNull(ours(("[" + "1".repeat(65) + "]").getBytes(UTF8)));
  }

  @Test
  void declines_aByteOrderMark_andNamesWithSurrogates_whichTheTreeThenJudges() {
    assertNull(ours("\uFEFF{}".getBytes(UTF8)));
    assertNull(ours("{\"\\ude00\":1}".getBytes(UTF8)));
    assertNull(ours("{\"\\ud83d\\ude00\":1}".getBytes(UTF8)));
    assertEquals(
        List.of("START_OBJECT", "name a", "string \ud800", "END_OBJECT"),
        ours("{\"a\":\"\\ud800\"}".getBytes(UTF8)));
  }

  @Test
  void keepsTheNestingLimitItIsGiven() {
    String three = "[[[]]]";
    assertEquals(jackson(three.getBytes(UTF8)), tokens(three.getBytes(UTF8), 3));
    assertNull(tokens("[[[[]]]]".getBytes(UTF8), 3));
    assertThrows(IllegalArgumentException.class, () -> new Utf8JsonTokens(new byte[0], 65));
  }

  @Test
  void givesKnownNamesAsTheSameStrings_andOthersAsNewOnes() {
    Utf8JsonTokens tokens = new Utf8JsonTokens("{\"message_id\":1,\"mess\":2}".getBytes(UTF8), 64);
    tokens.next();
    assertSame("message_id", tokens.nextName());
    tokens.next();
    assertEquals("mess", tokens.nextName());
  }

  @Test
  void readsNumbersAsATreeHoldsThem() {
    assertNumbers(
        "[0,-0,2147483647,-2147483648,2147483648,9223372036854775807,9223372036854775808,"
            + "123456789012345678901234567890,1.5,-0.0,1e999,2E-3]",
        0,
        0,
        Integer.MAX_VALUE,
        Integer.MIN_VALUE,
        2147483648L,
        Long.MAX_VALUE,
        new BigInteger("9223372036854775808"),
        new BigInteger("123456789012345678901234567890"),
        1.5,
        -0.0,
        Double.POSITIVE_INFINITY,
        0.002);
  }

  private static void assertNumbers(String json, Object... expected) {
    Utf8JsonTokens tokens = new Utf8JsonTokens(json.getBytes(UTF8), 64);
    List<Object> numbers = new ArrayList<>();
    for (JsonToken token = tokens.next(); token != null; token = tokens.next()) {
      if (token.isNumeric()) {
        numbers.add(tokens.number());
      }
    }
    assertEquals(Arrays.asList(expected), numbers);
  }

  // ---- the two readers, as comparable token lists ----

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  /** Jackson's tokens, strings decoded; null if it refuses the document (or what follows it). */
  static List<String> jackson(byte[] json) {
    List<String> out = new ArrayList<>();
    try (JsonParser parser = JACKSON.createParser(json)) {
      int depth = 0;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        out.add(describe(token, parser));
        depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
        if (depth == 0 && parser.nextToken() != null) {
          return null; // one value per document, as the readers use them
        } else if (depth == 0) {
          break;
        }
      }
      return out.isEmpty() ? null : out;
    } catch (IOException e) {
      return null;
    }
  }

  static List<String> ours(byte[] json) {
    return tokens(json, 64);
  }

  private static List<String> tokens(byte[] json, int maxDepth) {
    List<String> out = new ArrayList<>();
    try {
      Utf8JsonTokens tokens = new Utf8JsonTokens(json, maxDepth);
      for (JsonToken token = tokens.next(); token != null; token = tokens.next()) {
        out.add(
            switch (token) {
              case FIELD_NAME -> "name " + tokens.name();
              case VALUE_STRING -> "string " + tokens.text();
              case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(tokens.number());
              default -> token.name();
            });
      }
      return out.isEmpty() ? null : out;
    } catch (JsonCursor.Decline e) {
      return null;
    }
  }

  private static String describe(JsonToken token, JsonParser parser) throws IOException {
    return switch (token) {
      case FIELD_NAME -> "name " + parser.currentName();
      case VALUE_STRING -> "string " + parser.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(parser.getNumberValue());
      default -> token.name();
    };
  }

  private static String number(Number number) {
    return "number " + number.getClass().getSimpleName() + " " + number;
  }

  private static String text(byte[] json) {
    return new String(json, UTF8);
  }

  // ---- inputs ----

  private static final String[] STRINGS = {
    "",
    " ",
    "message_id",
    "open_id",
    "a b",
    "\u00e9t\u00e9",
    "\u6d88\u606f",
    "\ud83d\ude00",
    "quote\"back\\slash/",
    "\n\t\r\b\f",
    "\u0000\u001f",
    "\ud800",
    "x".repeat(300),
    "@_user_1 /deploy api",
  };

  /**
   * Names the tokens read themselves: within their length limit, and without surrogates (Jackson
   * refuses an escaped lone one in a name; the tokens leave any to the tree).
   */
  private static final String[] NAMES =
      Arrays.stream(STRINGS)
          .filter(
              name ->
                  name.length() < 100
                      && name.chars().noneMatch(c -> Character.isSurrogate((char) c)))
          .toArray(String[]::new);

  private static final String[] NUMBERS = {
    "0",
    "-0",
    "7",
    "-12",
    "2147483647",
    "2147483648",
    "-2147483649",
    "9223372036854775807",
    "9223372036854775808",
    "123456789012345678901",
    "1.5",
    "-0.0",
    "1e10",
    "1E+2",
    "2e-3",
    "0.000001",
    "1e999",
    "3.14159265358979323846",
  };

  private static JsonText randomValue(Random random, int depth) {
    int kind = random.nextInt(depth > 0 ? 6 : 4);
    return switch (kind) {
      case 0 -> new Str(STRINGS[random.nextInt(STRINGS.length)]);
      case 1 -> new Raw(NUMBERS[random.nextInt(NUMBERS.length)]);
      case 2 -> new Raw(pick(random, "true", "false", "null"));
      case 3 -> new Str(Integer.toString(random.nextInt(1000)));
      case 4 -> {
        Obj obj = new Obj();
        int size = random.nextInt(5);
        for (int i = 0; i < size; i++) {
          obj.with(NAMES[random.nextInt(NAMES.length)], randomValue(random, depth - 1));
        }
        yield obj;
      }
      default -> {
        List<JsonText> items = new ArrayList<>();
        int size = random.nextInt(5);
        for (int i = 0; i < size; i++) {
          items.add(randomValue(random, depth - 1));
        }
        yield new Arr(items);
      }
    };
  }

  /** The bytes with a stray byte or few inserted, one removed, or the end cut off. */
  private static byte[] bend(byte[] json, Random random) {
    if (json.length == 0) {
      return json;
    }
    int at = random.nextInt(json.length);
    return switch (random.nextInt(4)) {
      case 0 -> Arrays.copyOf(json, at);
      case 1 -> {
        byte[] out = new byte[json.length - 1];
        System.arraycopy(json, 0, out, 0, at);
        System.arraycopy(json, at + 1, out, at, json.length - at - 1);
        yield out;
      }
      case 2 -> json;
      default -> {
        byte[] stray = {
          pick(
              random,
              (byte) '"',
              (byte) '\\',
              (byte) ',',
              (byte) ':',
              (byte) '}',
              (byte) ']',
              (byte) ' ',
              (byte) 0x01,
              (byte) 0x80,
              (byte) 0xC3,
              (byte) 0xE2,
              (byte) '0',
              (byte) '-',
              (byte) 'e',
              (byte) '.',
              (byte) 't')
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(json, 0, at);
        out.writeBytes(stray);
        out.write(json, at, json.length - at);
        yield out.toByteArray();
      }
    };
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }
}
