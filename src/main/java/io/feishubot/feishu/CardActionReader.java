package io.feishubot.feishu;

import static io.feishubot.feishu.JsonCursor.once;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code event} of {@code card.action.trigger}: {@code operator}, {@code token}, {@code
 * action} and {@code context}. An action without an object {@code value} is unreadable: the SDKs
 * accept only objects there, and our buttons always send one.
 */
final class CardActionReader {

  private final JsonCursor cursor;
  private UserIds operator = UserIds.NONE;
  private String operatorTenantKey;
  private String token;
  private CardActionTriggered.Action action;
  private String openMessageId;
  private String openChatId;

  private CardActionReader(JsonCursor cursor) {
    this.cursor = cursor;
  }

  /** Reads the event object just entered; null (with the cursor's problem set) if unreadable. */
  static CardActionTriggered read(JsonCursor cursor) throws IOException {
    return new CardActionReader(cursor).event();
  }

  /**
   * Reads the flat body of a legacy callback just entered: the operator's ids, {@code tenant_key},
   * {@code token}, {@code open_message_id} and {@code open_chat_id} at the top level, beside the
   * same {@code action}.
   */
  static CardActionTriggered readLegacy(JsonCursor cursor) throws IOException {
    return new CardActionReader(cursor).legacy();
  }

  private CardActionTriggered legacy() throws IOException {
    String openId = null;
    String userId = null;
    String unionId = null;
    int mark = cursor.enter();
    int seen = 0;
    for (String name = cursor.nextName(); name != null; name = cursor.nextName()) {
      JsonToken value = cursor.next();
      switch (name) {
        case "open_id" -> {
          seen = once(seen, 1 << 0);
          openId = cursor.string(value, "open_id");
        }
        case "user_id" -> {
          seen = once(seen, 1 << 1);
          userId = cursor.string(value, "user_id");
        }
        case "union_id" -> {
          seen = once(seen, 1 << 2);
          unionId = cursor.string(value, "union_id");
        }
        case "tenant_key" -> {
          seen = once(seen, 1 << 3);
          operatorTenantKey = cursor.string(value, "tenant_key");
        }
        case "token" -> {
          seen = once(seen, 1 << 4);
          token = cursor.string(value, "token");
        }
        case "open_message_id" -> {
          seen = once(seen, 1 << 5);
          openMessageId = cursor.string(value, "open_message_id");
        }
        case "open_chat_id" -> {
          seen = once(seen, 1 << 6);
          openChatId = cursor.string(value, "open_chat_id");
        }
        case "action" -> {
          seen = once(seen, 1 << 7);
          action(value);
        }
        default -> cursor.other(mark, name, value);
      }
    }
    cursor.leave(mark);
    operator = new UserIds(openId, userId, unionId);
    return build();
  }

  private CardActionTriggered event() throws IOException {
    int mark = cursor.enter();
    int seen = 0;
    for (String name = cursor.nextName(); name != null; name = cursor.nextName()) {
      JsonToken value = cursor.next();
      switch (name) {
        case "operator" -> {
          seen = once(seen, 1 << 0);
          operator(value);
        }
        case "token" -> {
          seen = once(seen, 1 << 1);
          token = cursor.string(value, "token");
        }
        case "action" -> {
          seen = once(seen, 1 << 2);
          action(value);
        }
        case "context" -> {
          seen = once(seen, 1 << 3);
          context(value);
        }
        default -> cursor.other(mark, name, value);
      }
    }
    cursor.leave(mark);
    return build();
  }

  private CardActionTriggered build() {
    if (action == null) {
      cursor.problem("action missing");
    } else if (operator.openId() == null || operator.openId().isBlank()) {
      cursor.problem("operator.open_id missing");
    }
    if (cursor.problem() != null) {
      return null;
    }
    return new CardActionTriggered(
        operator, operatorTenantKey, token, action, openMessageId, openChatId);
  }

  private void operator(JsonToken token) throws IOException {
    operator = UserIdsReader.read(cursor, token, "operator", key -> operatorTenantKey = key);
  }

  private void action(JsonToken token) throws IOException {
    if (!cursor.object(token, "action")) {
      return;
    }
    Map<String, Object> value = null;
    String tag = null;
    String componentName = null;
    Map<String, Object> formValue = null;
    String inputValue = null;
    String option = null;
    List<String> options = null;
    Boolean checked = null;
    int mark = cursor.enter();
    int seen = 0;
    for (String name = cursor.nextName(); name != null; name = cursor.nextName()) {
      JsonToken field = cursor.next();
      switch (name) {
        case "value" -> {
          seen = once(seen, 1 << 0);
          value = objectValue(field, "action.value");
        }
        case "tag" -> {
          seen = once(seen, 1 << 1);
          tag = cursor.string(field, "action.tag");
        }
        case "name" -> {
          seen = once(seen, 1 << 2);
          componentName = cursor.string(field, "action.name");
        }
        case "form_value" -> {
          seen = once(seen, 1 << 3);
          formValue = objectValue(field, "action.form_value");
        }
        case "input_value" -> {
          seen = once(seen, 1 << 4);
          inputValue = cursor.string(field, "action.input_value");
        }
        case "option" -> {
          seen = once(seen, 1 << 5);
          option = cursor.string(field, "action.option");
        }
        case "options" -> {
          seen = once(seen, 1 << 6);
          options = strings(field, "action.options");
        }
        case "checked" -> {
          seen = once(seen, 1 << 7);
          checked = cursor.bool(field, "action.checked");
        }
        default -> cursor.other(mark, name, field);
      }
    }
    cursor.leave(mark);
    action =
        new CardActionTriggered.Action(
            value, tag, componentName, formValue, inputValue, option, options, checked);
  }

  private void context(JsonToken token) throws IOException {
    if (!cursor.object(token, "context")) {
      return;
    }
    int mark = cursor.enter();
    int seen = 0;
    for (String name = cursor.nextName(); name != null; name = cursor.nextName()) {
      JsonToken value = cursor.next();
      switch (name) {
        case "open_message_id" -> {
          seen = once(seen, 1 << 0);
          openMessageId = cursor.string(value, "context.open_message_id");
        }
        case "open_chat_id" -> {
          seen = once(seen, 1 << 1);
          openChatId = cursor.string(value, "context.open_chat_id");
        }
        default -> cursor.other(mark, name, value);
      }
    }
    cursor.leave(mark);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> objectValue(JsonToken token, String path) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.START_OBJECT) {
      cursor.problem(path + " is not an object");
      cursor.skip(token);
      return null;
    }
    return (Map<String, Object>) cursor.anyValue(token);
  }

  private List<String> strings(JsonToken token, String path) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.START_ARRAY) {
      cursor.problem(path + " is not an array");
      cursor.skip(token);
      return null;
    }
    List<String> strings = new ArrayList<>();
    for (JsonToken entry = cursor.next(); entry != JsonToken.END_ARRAY; entry = cursor.next()) {
      if (entry == null) {
        throw JsonCursor.Decline.INSTANCE;
      }
      String value = cursor.string(entry, path);
      if (value != null) {
        strings.add(value);
      }
    }
    return strings;
  }
}
