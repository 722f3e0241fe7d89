package io.feishubot.feishu;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict walk over one JSON value, for readers that take only the fields they know: every object
 * is read to its end, skipped values included, every name is checked against its siblings, and
 * every string is decoded, so a duplicate key or malformed UTF-8 anywhere is seen as the tree
 * builder would see it.
 *
 * <p>Two kinds of trouble, kept apart: what the tree reader must judge ({@link Decline}, thrown:
 * duplicate keys, too many names, a value of the wrong type in the envelope) and what makes an
 * event unreadable for the bot (a {@link #problem()}, recorded and reading goes on, so the whole
 * document is still checked).
 *
 * <p>Works over any {@link JsonTokens}: the tokens of the request bytes, or a tree's traversal, so
 * one event reader serves both parsers. Not thread-safe: one cursor per read.
 */
final class JsonCursor {

  /** Objects with more names than this go to the tree, which bounds the sibling scan. */
  static final int MAX_NAMES_PER_OBJECT = 64;

  private final JsonTokens tokens;
  private final boolean checkNames;
  private String[] names = new String[32];
  private int nameCount;
  private String problem;

  /**
   * @param checkNames whether to check names for duplicates and count them: on for request bytes,
   *     off for a tree's traversal, whose builder already rejected duplicates
   */
  JsonCursor(JsonTokens tokens, boolean checkNames) {
    this.tokens = tokens;
    this.checkNames = checkNames;
  }

  /** The first reason the value read so far cannot be used, or null. */
  String problem() {
    return problem;
  }

  /** Records why the value cannot be used; the first reason is kept. */
  void problem(String reason) {
    if (problem == null) {
      problem = reason;
    }
  }

  /** The next token; null at the end of the input. */
  JsonToken next() throws IOException {
    return tokens.next();
  }

  /** The current string value, decoded. */
  String text() throws IOException {
    return tokens.text();
  }

  /**
   * Starts reading the fields of an object whose start was just read; returns the mark to pass to
   * {@link #other} and {@link #leave}.
   */
  int enter() {
    return nameCount;
  }

  /** The next field name of the object being read, with its value's token next; null at its end. */
  String nextName() throws IOException {
    return tokens.nextName();
  }

  /** Ends reading an object entered at {@code mark}. */
  void leave(int mark) {
    nameCount = mark;
  }

  /** A field no reader knows: checked against its siblings and skipped. */
  void other(int mark, String name, JsonToken value) throws IOException {
    if (checkNames) {
      addName(mark, name);
    }
    skip(value);
  }

  /**
   * Marks a known field of the object being read as seen, declining if it was already: with two
   * values for one key, readers can disagree on which one counts. Known names are told apart by the
   * reader's switch, so a bit each is enough; other names go through {@link #other}.
   */
  static int once(int seen, int bit) {
    // A tree never repeats a name, so this only ever fires on request bytes.
    if ((seen & bit) != 0) {
      throw Decline.INSTANCE;
    }
    return seen | bit;
  }

  /** A string or null; any other type declines (an envelope field the tree must judge). */
  String strictString(JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_STRING) {
      return tokens.text();
    }
    if (token != JsonToken.VALUE_NULL) {
      throw Decline.INSTANCE;
    }
    return null;
  }

  /** A string or null; any other type is a {@link #problem} named by {@code path}, and skipped. */
  String string(JsonToken token, String path) throws IOException {
    if (token == JsonToken.VALUE_STRING) {
      return tokens.text();
    }
    if (token != JsonToken.VALUE_NULL) {
      problem(path + " is not a string");
      skip(token);
    }
    return null;
  }

  /** {@link #string(JsonToken, String)} for field {@code field} of the object at {@code path}. */
  String string(JsonToken token, String path, String field) throws IOException {
    if (token == JsonToken.VALUE_STRING) {
      return tokens.text();
    }
    return string(token, path + "." + field);
  }

  /** A boolean or null; any other type is a {@link #problem}, and skipped. */
  Boolean bool(JsonToken token, String path) throws IOException {
    if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
      return token == JsonToken.VALUE_TRUE;
    }
    if (token != JsonToken.VALUE_NULL) {
      problem(path + " is not a boolean");
      skip(token);
    }
    return null;
  }

  /**
   * True if the value is an object, now entered; null is false, and any other type is a {@link
   * #problem} named by {@code path}, and skipped.
   */
  boolean object(JsonToken token, String path) throws IOException {
    if (token == JsonToken.START_OBJECT) {
      return true;
    }
    if (token != JsonToken.VALUE_NULL) {
      problem(path + " is not an object");
      skip(token);
    }
    return false;
  }

  /**
   * Any value as plain Java: an unmodifiable {@code Map} in field order, {@code List}, {@code
   * String}, {@code Boolean}, {@code Number}, or null. For values whose shape is the sender's
   * choice, such as a card button's {@code value}.
   */
  Object anyValue(JsonToken token) throws IOException {
    if (token == null) {
      throw Decline.INSTANCE;
    }
    return switch (token) {
      case START_OBJECT -> {
        int mark = enter();
        Map<String, Object> map = new LinkedHashMap<>();
        for (String name = nextName(); name != null; name = nextName()) {
          JsonToken value = tokens.next();
          if (checkNames) {
            addName(mark, name);
          }
          map.put(name, anyValue(value));
        }
        leave(mark);
        yield Collections.unmodifiableMap(map);
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (JsonToken entry = tokens.next(); entry != JsonToken.END_ARRAY; entry = tokens.next()) {
          list.add(anyValue(entry));
        }
        yield Collections.unmodifiableList(list);
      }
      case VALUE_STRING -> tokens.text();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> tokens.number();
      case VALUE_NULL -> null;
      default -> throw Decline.INSTANCE;
    };
  }

  /** Declines unless the value is an object, now entered. */
  static void requireObject(JsonToken token) {
    if (token != JsonToken.START_OBJECT) {
      throw Decline.INSTANCE;
    }
  }

  /** Reads past a value, checking names and decoding strings as the tree builder would. */
  void skip(JsonToken token) throws IOException {
    if (token == null) {
      throw Decline.INSTANCE;
    }
    switch (token) {
      case START_OBJECT -> {
        int mark = enter();
        for (String name = nextName(); name != null; name = nextName()) {
          other(mark, name, tokens.next());
        }
        leave(mark);
      }
      case START_ARRAY -> {
        for (JsonToken entry = tokens.next(); entry != JsonToken.END_ARRAY; entry = tokens.next()) {
          skip(entry);
        }
      }
      case VALUE_STRING -> tokens.checkText();
      default -> {
        // Numbers, true, false and null are complete (and within limits) once tokenized.
      }
    }
  }

  /**
   * Records {@code name} in the object whose names start at {@code mark}, declining on a duplicate:
   * with two values for one key, readers can disagree on which one counts.
   */
  private void addName(int mark, String name) {
    String[] all = names;
    int end = nameCount;
    int hash = name.hashCode();
    for (int i = mark; i < end; i++) {
      // Names come from Jackson's symbol table, their hashes cached: compare those first.
      String other = all[i];
      if (other == name || (other.hashCode() == hash && other.equals(name))) {
        throw Decline.INSTANCE;
      }
    }
    if (end - mark >= MAX_NAMES_PER_OBJECT) {
      throw Decline.INSTANCE;
    }
    if (end == all.length) {
      names = all = Arrays.copyOf(all, end * 2);
    }
    all[end] = name;
    nameCount = end + 1;
  }

  /**
   * The tree reader must decide; preallocated and without a stack trace, as it is control flow.
   * Declining is never a decision: the tree reader then accepts or rejects with all its checks.
   */
  static final class Decline extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Decline INSTANCE = new Decline();

    private Decline() {
      super(null, null, false, false);
    }
  }
}
