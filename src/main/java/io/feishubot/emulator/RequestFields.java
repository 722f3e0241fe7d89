package io.feishubot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The fields of a JSON request to the emulator's API, each checked with an answer that says what is
 * wrong. Messages name fields and allowed values, never echo what was sent.
 */
final class RequestFields {

  /** A request the emulator cannot act on; answered 400 with {@link #getMessage()}. */
  static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message, null, false, false);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_TEXT_CHARS = 4000;

  private final JsonNode body;

  private RequestFields(JsonNode body) {
    this.body = body;
  }

  static RequestFields of(byte[] body) {
    try {
      JsonNode node = body == null || body.length == 0 ? null : JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw new BadRequest("the body must be a JSON object");
      }
      return new RequestFields(node);
    } catch (IOException e) {
      throw new BadRequest("the body must be a JSON object");
    }
  }

  Tenant.User user() {
    String key = string("user", Tenant.ALICE.key());
    return Tenant.user(key).orElseThrow(() -> new BadRequest("user must be one of " + userKeys()));
  }

  /** Text of at most {@link #MAX_TEXT_CHARS} characters, not blank. */
  String text(String name) {
    String text = string(name, null);
    if (text == null || text.isBlank()) {
      throw new BadRequest(name + " is required");
    }
    if (text.length() > MAX_TEXT_CHARS) {
      throw new BadRequest(name + " is longer than " + MAX_TEXT_CHARS + " characters");
    }
    return text;
  }

  String oneOf(String name, String fallback, java.util.Set<String> allowed) {
    String value = string(name, fallback);
    if (!allowed.contains(value)) {
      throw new BadRequest(
          name + " must be one of " + String.join(", ", allowed.stream().sorted().toList()));
    }
    return value;
  }

  boolean bool(String name, boolean fallback) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw new BadRequest(name + " must be true or false");
    }
    return value.booleanValue();
  }

  JsonNode object(String name) {
    JsonNode value = body.get(name);
    if (value == null || !value.isObject()) {
      throw new BadRequest(name + " must be a JSON object");
    }
    return value;
  }

  String string(String name, String fallback) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isTextual()) {
      throw new BadRequest(name + " must be a string");
    }
    return value.textValue();
  }

  private static String userKeys() {
    return String.join(", ", Tenant.USERS.stream().map(Tenant.User::key).toList());
  }
}
