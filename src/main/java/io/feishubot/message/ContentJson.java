package io.feishubot.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Renders post and template content documents as trees (no reflection, see {@link CardJson}). */
final class ContentJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final ObjectWriter WRITER = new ObjectMapper().writer();

  private ContentJson() {}

  /** A content tree as JSON text; shared by the IM API's and the custom bot's bodies. */
  static String write(JsonNode json) {
    try {
      return WRITER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // a tree of plain nodes always serializes
    }
  }

  /** {@code {"zh_cn":{"title":…,"content":[[…]]},"en_us":{…}}}. */
  static ObjectNode post(Message.Post post) {
    ObjectNode json = NODES.objectNode();
    for (PostBody body : post.bodies()) {
      ObjectNode bodyJson = json.putObject(body.language().wireName()).put("title", body.title());
      ArrayNode paragraphs = bodyJson.putArray("content");
      for (List<PostElement> paragraph : body.paragraphs()) {
        ArrayNode paragraphJson = paragraphs.addArray();
        paragraph.forEach(element -> paragraphJson.add(postElement(element)));
      }
    }
    return json;
  }

  private static ObjectNode postElement(PostElement element) {
    ObjectNode json = NODES.objectNode();
    return switch (element) {
      case PostElement.Text text -> json.put("tag", "text").put("text", text.text());
      case PostElement.Link link ->
          json.put("tag", "a").put("text", link.text()).put("href", link.href());
      case PostElement.At at -> json.put("tag", "at").put("user_id", at.userId());
    };
  }

  /** {@code {"type":"template","data":{"template_id":…,"template_version_name"?,…}}}. */
  static ObjectNode template(Message.Template template) {
    ObjectNode json = NODES.objectNode().put("type", "template");
    ObjectNode data = json.putObject("data").put("template_id", template.templateId());
    if (template.versionName() != null) {
      data.put("template_version_name", template.versionName());
    }
    data.set("template_variable", value(template.variables(), "template_variable"));
    return json;
  }

  /** JSON-shaped Java values to a tree; other objects are refused rather than reflected on. */
  private static JsonNode value(Object value, String path) {
    return switch (value) {
      case null -> NODES.nullNode();
      case JsonNode node -> node;
      case String string -> NODES.textNode(string);
      case Boolean bool -> NODES.booleanNode(bool);
      case Integer number -> NODES.numberNode(number);
      case Long number -> NODES.numberNode(number);
      case Short number -> NODES.numberNode(number);
      case Byte number -> NODES.numberNode(number);
      case Double number -> NODES.numberNode(number);
      case Float number -> NODES.numberNode(number);
      case BigInteger number -> NODES.numberNode(number);
      case BigDecimal number -> NODES.numberNode(number);
      case Map<?, ?> map -> {
        ObjectNode object = NODES.objectNode();
        map.forEach(
            (key, item) -> {
              if (!(key instanceof String name)) {
                throw new IllegalArgumentException(path + " has a non-string key: " + key);
              }
              object.set(name, value(item, path + "." + name));
            });
        yield object;
      }
      case Collection<?> items -> {
        ArrayNode array = NODES.arrayNode();
        int index = 0;
        for (Object item : items) {
          array.add(value(item, path + "[" + index++ + "]"));
        }
        yield array;
      }
      default ->
          throw new IllegalArgumentException(
              path
                  + " is a "
                  + value.getClass().getName()
                  + "; use strings, numbers, booleans, lists, maps or JsonNode");
    };
  }
}
