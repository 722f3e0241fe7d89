package io.feishubot.feishu;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed reads from a JSON tree that turn shape errors into {@link MalformedPayloadException}.
 * Messages name the field, never its value. An explicit JSON {@code null} counts as absent.
 */
final class JsonFields {

  private JsonFields() {}

  static String optionalString(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new MalformedPayloadException(path + " is not a string");
    }
    return node.textValue();
  }

  static String requiredString(JsonNode parent, String field, String path) {
    String value = optionalString(parent, field, path);
    if (value == null || value.isBlank()) {
      throw new MalformedPayloadException(path + " missing");
    }
    return value;
  }

  static JsonNode optionalObject(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new MalformedPayloadException(path + " is not an object");
    }
    return node;
  }

  static JsonNode requiredObject(JsonNode parent, String field, String path) {
    JsonNode node = optionalObject(parent, field, path);
    if (node == null) {
      throw new MalformedPayloadException(path + " missing");
    }
    return node;
  }
}
