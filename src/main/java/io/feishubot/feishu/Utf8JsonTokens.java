package io.feishubot.feishu;

import com.fasterxml.jackson.core.JsonToken;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The tokens of one JSON document in UTF-8 bytes, for {@link StreamingEventReader}: strict JSON
 * (RFC 8259) and nothing else, and only what it is sure the tree reader accepts the same way.
 *
 * <p>Jackson's parser was half of the time of reading an event (bench/jmh): it decodes every string
 * through a char buffer, and sets up buffers and contexts per document. Here a string of plain
 * ASCII, nearly every string Feishu sends, becomes a {@code String} in one copy, and the names
 * Feishu uses come from a fixed table without being decoded at all.
 *
 * <p>It declines ({@link JsonCursor.Decline}) instead of judging: any byte out of place, a BOM,
 * comments, invalid or unusual UTF-8 (overlong forms, surrogates), an escape JSON does not define,
 * nesting deeper than the tree reader allows, long names or numbers. The tree reader then parses
 * the same bytes with all its checks, so declining is never a decision
 * (EnvelopeParserDifferentialTest). Strings are checked whole as they are read, so skipped values
 * are checked too. Not thread-safe: one instance per document.
 */
final class Utf8JsonTokens implements JsonTokens {

  /** The deepest nesting the bit sets below can describe. */
  static final int MAX_DEPTH = 64;

  private static final int MAX_NAME_BYTES = 256;
  private static final int MAX_NUMBER_BYTES = 64;

  /** Field names Feishu sends, so reading them allocates nothing; others are decoded. */
  private static final String[] KNOWN_NAMES = {
    "schema",
    "header",
    "event_id",
    "event_type",
    "create_time",
    "token",
    "app_id",
    "tenant_key",
    "event",
    "sender",
    "sender_id",
    "sender_type",
    "open_id",
    "union_id",
    "user_id",
    "message",
    "message_id",
    "root_id",
    "parent_id",
    "thread_id",
    "chat_id",
    "chat_type",
    "message_type",
    "content",
    "mentions",
    "key",
    "id",
    "name",
    "update_time",
    "user_agent",
    "encrypt",
    "type",
    "challenge",
    "uuid",
    "ts",
    "operator",
    "operator_id",
    "operator_tenant_key",
    "external",
    "action",
    "value",
    "tag",
    "form_value",
    "input_value",
    "option",
    "options",
    "checked",
    "context",
    "open_message_id",
    "open_chat_id",
    "host",
    "delivery_type",
    "timezone",
    "url",
    "preview_token",
    "i18n_names",
    "zh_cn",
    "en_us",
    "ja_jp",
    "text",
  };

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private static final int NAME_SLOTS = 256;
  private static final String[] NAME_STRINGS = new String[NAME_SLOTS];
  private static final byte[][] NAME_BYTES = new byte[NAME_SLOTS][];
  // A name's first eight bytes and its last eight, little-endian, zero-padded: most names are
  // compared in one or two loads.
  private static final long[] NAME_HEADS = new long[NAME_SLOTS];
  private static final long[] NAME_TAILS = new long[NAME_SLOTS];

  static {
    for (String name : KNOWN_NAMES) {
      byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
      int slot = slot(bytes, 0, bytes.length);
      while (NAME_STRINGS[slot] != null) {
        slot = (slot + 1) & (NAME_SLOTS - 1);
      }
      NAME_STRINGS[slot] = name;
      NAME_BYTES[slot] = bytes;
      byte[] padded = Arrays.copyOf(bytes, Math.max(bytes.length, Long.BYTES));
      NAME_HEADS[slot] = (long) LONGS.get(padded, 0);
      NAME_TAILS[slot] = (long) LONGS.get(padded, padded.length - Long.BYTES);
    }
  }

  /** A cheap hash of a name from its length and its first and last bytes. */
  private static int slot(byte[] b, int start, int length) {
    return (length * 31 + b[start] * 7 + b[start + length - 1]) & (NAME_SLOTS - 1);
  }

  private final byte[] in;
  private final int maxDepth;
  private int pos;
  private int depth;
  // Bit d - 1 describes the container at depth d: an object (else an array); has a member (so
  // the next needs a comma).
  private long objects;
  private long members;
  private boolean afterName;
  private boolean rootRead;

  // The current string: its bytes between the quotes, and whether they are its characters.
  private int textStart;
  private int textEnd;
  private boolean textPlain;
  private String name;

  // The current number's bytes, and whether it is an integer.
  private int numberStart;
  private int numberEnd;
  private boolean integral;

  /**
   * @param maxDepth the deepest nesting accepted, at most {@link #MAX_DEPTH}
   */
  Utf8JsonTokens(byte[] in, int maxDepth) {
    if (maxDepth > MAX_DEPTH) {
      throw new IllegalArgumentException("nesting deeper than " + MAX_DEPTH);
    }
    this.in = in;
    this.maxDepth = maxDepth;
  }

  @Override
  public JsonToken next() {
    if (afterName) {
      afterName = false;
      return value(skipWhitespace());
    }
    int c = skipWhitespace();
    if (depth == 0) {
      if (!rootRead) {
        rootRead = true;
        return value(c);
      }
      if (c < 0) {
        return null;
      }
      throw decline();
    }
    long bit = 1L << (depth - 1);
    boolean object = (objects & bit) != 0;
    if (c == (object ? '}' : ']')) {
      pos++;
      depth--;
      return object ? JsonToken.END_OBJECT : JsonToken.END_ARRAY;
    }
    if ((members & bit) != 0) {
      if (c != ',') {
        throw decline();
      }
      pos++;
      c = skipWhitespace();
    }
    members |= bit;
    if (!object) {
      return value(c);
    }
    if (c != '"') {
      throw decline();
    }
    pos++;
    name = readName();
    if (skipWhitespace() != ':') {
      throw decline();
    }
    pos++;
    afterName = true;
    return JsonToken.FIELD_NAME;
  }

  @Override
  public String nextName() {
    if (afterName) {
      throw decline(); // a value was not read
    }
    return next() == JsonToken.FIELD_NAME ? name : null;
  }

  /** The name of the field whose {@code FIELD_NAME} was read last. */
  String name() {
    return name;
  }

  @Override
  public String text() {
    if (textPlain) {
      return new String(in, textStart, textEnd - textStart, StandardCharsets.ISO_8859_1);
    }
    return decode(textStart, textEnd);
  }

  @Override
  public void checkText() {
    // Checked whole when read.
  }

  @Override
  public Number number() {
    String digits =
        new String(in, numberStart, numberEnd - numberStart, StandardCharsets.ISO_8859_1);
    if (!integral) {
      // Correctly rounded, as the tree reader's default (no BigDecimal for floats) gives it.
      return Double.valueOf(digits);
    }
    // As a tree holds an integer: an Integer where it fits, else a Long, else a BigInteger.
    if (digits.length() <= 18) {
      long value = Long.parseLong(digits);
      return value == (int) value ? (Number) Integer.valueOf((int) value) : Long.valueOf(value);
    }
    BigInteger value = new BigInteger(digits);
    return value.bitLength() < Long.SIZE ? (Number) Long.valueOf(value.longValue()) : value;
  }

  private JsonToken value(int c) {
    switch (c) {
      case '{' -> {
        push(true);
        return JsonToken.START_OBJECT;
      }
      case '[' -> {
        push(false);
        return JsonToken.START_ARRAY;
      }
      case '"' -> {
        pos++;
        readString();
        return JsonToken.VALUE_STRING;
      }
      case 't' -> {
        literal("true");
        return JsonToken.VALUE_TRUE;
      }
      case 'f' -> {
        literal("false");
        return JsonToken.VALUE_FALSE;
      }
      case 'n' -> {
        literal("null");
        return JsonToken.VALUE_NULL;
      }
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          return readNumber();
        }
        throw decline();
      }
    }
  }

  private void push(boolean object) {
    if (depth == maxDepth) {
      throw decline();
    }
    pos++;
    depth++;
    long bit = 1L << (depth - 1);
    objects = object ? objects | bit : objects & ~bit;
    members &= ~bit;
  }

  private void literal(String word) {
    if (in.length - pos < word.length()) {
      throw decline();
    }
    for (int k = 1; k < word.length(); k++) {
      if (in[pos + k] != word.charAt(k)) {
        throw decline();
      }
    }
    // What follows is checked as the next token: "truex" has no token after "true".
    pos += word.length();
  }

  /** A number by JSON's grammar; whatever follows it must be a token's start or the end. */
  private JsonToken readNumber() {
    byte[] b = in;
    int start = pos;
    int i = pos;
    if (b[i] == '-') {
      i++;
    }
    if (i < b.length && b[i] == '0') {
      i++;
    } else {
      i = digits(i);
    }
    boolean isInt = true;
    if (i < b.length && b[i] == '.') {
      i = digits(i + 1);
      isInt = false;
    }
    if (i < b.length && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (i < b.length && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      i = digits(i);
      isInt = false;
    }
    if (i - start > MAX_NUMBER_BYTES) {
      throw decline();
    }
    numberStart = start;
    numberEnd = i;
    integral = isInt;
    pos = i;
    return isInt ? JsonToken.VALUE_NUMBER_INT : JsonToken.VALUE_NUMBER_FLOAT;
  }

  /** The index after one or more digits from {@code i}; declines if there are none. */
  private int digits(int i) {
    byte[] b = in;
    int start = i;
    while (i < b.length && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    if (i == start) {
      throw decline();
    }
    return i;
  }

  /** A name whose opening quote was read: from the table if it is a known one. */
  private String readName() {
    byte[] b = in;
    int start = pos;
    int end = plainRun(b, start);
    if (end < b.length && b[end] == '"') {
      int length = end - start;
      if (length > MAX_NAME_BYTES) {
        throw decline();
      }
      pos = end + 1;
      if (length == 0) {
        return "";
      }
      String known = known(start, length);
      return known != null ? known : new String(b, start, length, StandardCharsets.ISO_8859_1);
    }
    readString();
    if (textEnd - textStart > MAX_NAME_BYTES) {
      throw decline();
    }
    String decoded = text();
    for (int k = 0; k < decoded.length(); k++) {
      // Jackson refuses a name with an escaped lone surrogate, so the tree must see any surrogate.
      if (Character.isSurrogate(decoded.charAt(k))) {
        throw decline();
      }
    }
    return decoded;
  }

  private String known(int start, int length) {
    byte[] b = in;
    boolean words = length <= 2 * Long.BYTES && start + Long.BYTES <= b.length;
    long head = 0;
    long tail = 0;
    if (words) {
      head = (long) LONGS.get(b, start);
      if (length < Long.BYTES) {
        head &= (1L << (length * Byte.SIZE)) - 1;
      } else {
        tail = (long) LONGS.get(b, start + length - Long.BYTES);
      }
    }
    for (int slot = slot(b, start, length); ; slot = (slot + 1) & (NAME_SLOTS - 1)) {
      byte[] name = NAME_BYTES[slot];
      if (name == null) {
        return null;
      }
      if (name.length != length) {
        continue;
      }
      boolean same =
          words
              ? head == NAME_HEADS[slot] && (length < Long.BYTES || tail == NAME_TAILS[slot])
              : Arrays.equals(name, 0, length, b, start, start + length);
      if (same) {
        return NAME_STRINGS[slot];
      }
    }
  }

  /**
   * The index of the first byte from {@code i} that a string cannot hold as it is: a quote, a
   * backslash, a control character or a non-ASCII byte; {@code b.length} if there is none. Eight
   * bytes at a time: strings are most of a document, and nearly all their bytes are plain.
   */
  static int plainRun(byte[] b, int i) {
    while (i + Long.BYTES <= b.length) {
      long x = (long) LONGS.get(b, i);
      long quote = x ^ (ONES * '"');
      long backslash = x ^ (ONES * '\\');
      // A byte's high bit is set where it is zero (a quote or backslash), under 0x20, or non-ASCII;
      // borrows can only mark bytes after the first marked one, which is exact.
      long marked =
          (((quote - ONES) & ~quote)
                  | ((backslash - ONES) & ~backslash)
                  | ((x - ONES * 0x20) & ~x)
                  | x)
              & HIGHS;
      if (marked != 0) {
        return i + (Long.numberOfTrailingZeros(marked) >>> 3);
      }
      i += Long.BYTES;
    }
    while (i < b.length) {
      int c = b[i];
      if (c == '"' || c == '\\' || c < 0x20) {
        return i;
      }
      i++;
    }
    return i;
  }

  /** A string whose opening quote was read, checked whole: escapes and UTF-8. */
  private void readString() {
    byte[] b = in;
    int i = pos;
    boolean plain = true;
    while (true) {
      i = plainRun(b, i);
      if (i >= b.length) {
        throw decline();
      }
      int c = b[i];
      if (c == '"') {
        break;
      }
      plain = false;
      if (c == '\\') {
        i = escape(i);
      } else if (c < 0) {
        i = utf8(i);
      } else {
        throw decline(); // control characters must be escaped
      }
    }
    textStart = pos;
    textEnd = i;
    textPlain = plain;
    pos = i + 1;
  }

  /** The index after the escape at {@code i}; declines on any JSON does not define. */
  private int escape(int i) {
    byte[] b = in;
    if (i + 1 >= b.length) {
      throw decline();
    }
    switch (b[i + 1]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
        return i + 2;
      }
      case 'u' -> {
        if (i + 6 > b.length) {
          throw decline();
        }
        for (int k = i + 2; k < i + 6; k++) {
          if (Character.digit(b[k], 16) < 0) {
            throw decline();
          }
        }
        return i + 6;
      }
      default -> throw decline();
    }
  }

  /**
   * The index after the well-formed UTF-8 sequence at {@code i} (shortest form, no surrogates, at
   * most U+10FFFF); declines on anything else.
   */
  private int utf8(int i) {
    int lead = in[i] & 0xFF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      continuation(i + 1, 0x80, 0xBF);
      return i + 2;
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
      continuation(i + 1, lead == 0xE0 ? 0xA0 : 0x80, lead == 0xED ? 0x9F : 0xBF);
      continuation(i + 2, 0x80, 0xBF);
      return i + 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
      continuation(i + 1, lead == 0xF0 ? 0x90 : 0x80, lead == 0xF4 ? 0x8F : 0xBF);
      continuation(i + 2, 0x80, 0xBF);
      continuation(i + 3, 0x80, 0xBF);
      return i + 4;
    }
    throw decline();
  }

  private void continuation(int i, int low, int high) {
    if (i >= in.length || (in[i] & 0xFF) < low || (in[i] & 0xFF) > high) {
      throw decline();
    }
  }

  /** The characters of a checked string with escapes or non-ASCII bytes. */
  private String decode(int start, int end) {
    byte[] b = in;
    // Most such strings are JSON inside JSON, a message's content: escaped quotes, all ASCII.
    byte[] latin1 = new byte[end - start];
    int n = 0;
    for (int i = start; i < end; i++) {
      byte c = b[i];
      if (c < 0 || (c == '\\' && b[i + 1] == 'u')) {
        return decodeAny(start, end);
      }
      if (c == '\\') {
        c = (byte) unescape(b[++i]);
      }
      latin1[n++] = c;
    }
    return new String(latin1, 0, n, StandardCharsets.ISO_8859_1);
  }

  private String decodeAny(int start, int end) {
    byte[] b = in;
    StringBuilder out = new StringBuilder(end - start);
    int i = start;
    while (i < end) {
      int c = b[i];
      if (c == '\\') {
        byte kind = b[i + 1];
        if (kind == 'u') {
          // As the tree reader does: each \\uXXXX is one char, a half of a pair included.
          out.append(
              (char) Integer.parseInt(new String(b, i + 2, 4, StandardCharsets.US_ASCII), 16));
          i += 6;
        } else {
          out.append(unescape(kind));
          i += 2;
        }
      } else if (c >= 0) {
        out.append((char) c);
        i++;
      } else {
        int next = i + 1;
        while (next < end && b[next] < 0 && (b[next] & 0xC0) == 0x80) {
          next++;
        }
        out.append(new String(b, i, next - i, StandardCharsets.UTF_8));
        i = next;
      }
    }
    return out.toString();
  }

  private static char unescape(byte kind) {
    return switch (kind) {
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      default -> (char) kind; // " \ /
    };
  }

  /**
   * The byte (0 to 255) at the first non-whitespace position from here, which becomes the position;
   * -1 at the end.
   */
  private int skipWhitespace() {
    byte[] b = in;
    int i = pos;
    // Feishu sends compact JSON: a token nearly always starts right here.
    if (i < b.length && (b[i] & 0xFF) > ' ') {
      return b[i] & 0xFF;
    }
    while (i < b.length) {
      int c = b[i] & 0xFF;
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        pos = i;
        return c;
      }
      i++;
    }
    pos = i;
    return -1;
  }

  private static JsonCursor.Decline decline() {
    return JsonCursor.Decline.INSTANCE;
  }
}
