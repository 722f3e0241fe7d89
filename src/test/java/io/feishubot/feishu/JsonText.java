package io.feishubot.feishu;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A JSON document as text pieces the tests can bend in ways no JSON library would write: duplicate
 * keys, any field order, escaped spellings of the same name.
 */
sealed interface JsonText {

  /** An object; {@code fields} is mutable and may repeat a name. */
  record Obj(List<Field> fields) implements JsonText {
    Obj() {
      this(new ArrayList<>());
    }

    Obj with(String name, JsonText value) {
      fields.add(new Field(name, value));
      return this;
    }

    JsonText get(String name) {
      for (Field field : fields) {
        if (field.name().equals(name)) {
          return field.value();
        }
      }
      return null;
    }

    /** Replaces the first field called {@code name}, or adds it. */
    void set(String name, JsonText value) {
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).name().equals(name)) {
          fields.set(i, new Field(name, value));
          return;
        }
      }
      fields.add(new Field(name, value));
    }

    void remove(String name) {
      fields.removeIf(field -> field.name().equals(name));
    }
  }

  record Field(String name, JsonText value) {}

  /** An array; {@code items} is mutable. */
  record Arr(List<JsonText> items) implements JsonText {}

  record Str(String value) implements JsonText {}

  /** Written as is: a number, {@code true}, {@code false}, {@code null}, or anything at all. */
  record Raw(String text) implements JsonText {}

  JsonText NULL = new Raw("null");

  String HEX = "0123456789abcdef";

  static JsonText of(JsonNode node) {
    if (node.isObject()) {
      Obj obj = new Obj();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        obj.with(field.getKey(), of(field.getValue()));
      }
      return obj;
    }
    if (node.isArray()) {
      List<JsonText> items = new ArrayList<>();
      node.forEach(item -> items.add(of(item)));
      return new Arr(items);
    }
    if (node.isTextual()) {
      return new Str(node.textValue());
    }
    return new Raw(node.toString());
  }

  /** A deep copy, so mutations of one case do not leak into the next. */
  default JsonText copy() {
    if (this instanceof Obj obj) {
      Obj copy = new Obj();
      obj.fields().forEach(f -> copy.with(f.name(), f.value().copy()));
      return copy;
    }
    if (this instanceof Arr arr) {
      List<JsonText> items = new ArrayList<>();
      arr.items().forEach(item -> items.add(item.copy()));
      return new Arr(items);
    }
    return this;
  }

  /** Compact JSON; each character of names and strings is \\u-escaped with {@code escape}. */
  default String render(Random random, double escape) {
    StringBuilder out = new StringBuilder();
    render(this, out, random, escape);
    return out.toString();
  }

  private static void render(JsonText json, StringBuilder out, Random random, double escape) {
    if (json instanceof Obj obj) {
      out.append('{');
      for (int i = 0; i < obj.fields().size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        string(obj.fields().get(i).name(), out, random, escape);
        out.append(':');
        render(obj.fields().get(i).value(), out, random, escape);
      }
      out.append('}');
    } else if (json instanceof Arr arr) {
      out.append('[');
      for (int i = 0; i < arr.items().size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        render(arr.items().get(i), out, random, escape);
      }
      out.append(']');
    } else if (json instanceof Str str) {
      string(str.value(), out, random, escape);
    } else {
      out.append(((Raw) json).text());
    }
  }

  private static void string(String value, StringBuilder out, Random random, double escape) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20 || (escape > 0 && random.nextDouble() < escape)) {
        out.append("\\u");
        for (int shift = 12; shift >= 0; shift -= 4) {
          out.append(HEX.charAt((c >> shift) & 0xF));
        }
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
