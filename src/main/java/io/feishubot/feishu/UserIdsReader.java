package io.feishubot.feishu;

import static io.feishubot.feishu.JsonCursor.once;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reads {@code {"open_id","user_id","union_id"}}, the shape of every user id object Feishu sends.
 */
final class UserIdsReader {

  private UserIdsReader() {}

  /** The ids in the value {@code token} starts; {@link UserIds#NONE} for null or a wrong type. */
  static UserIds read(JsonCursor cursor, JsonToken token, String path) throws IOException {
    return read(cursor, token, path, null);
  }

  /**
   * {@link #read(JsonCursor, JsonToken, String)} of an id object that also carries the user's
   * {@code tenant_key} (a card's operator), which goes to {@code tenantKey}; null treats it as any
   * other field.
   */
  static UserIds read(JsonCursor cursor, JsonToken token, String path, Consumer<String> tenantKey)
      throws IOException {
    if (!cursor.object(token, path)) {
      return UserIds.NONE;
    }
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
          openId = cursor.string(value, path, "open_id");
        }
        case "user_id" -> {
          seen = once(seen, 1 << 1);
          userId = cursor.string(value, path, "user_id");
        }
        case "union_id" -> {
          seen = once(seen, 1 << 2);
          unionId = cursor.string(value, path, "union_id");
        }
        case "tenant_key" -> {
          if (tenantKey == null) {
            cursor.other(mark, name, value);
          } else {
            seen = once(seen, 1 << 3);
            tenantKey.accept(cursor.string(value, path, "tenant_key"));
          }
        }
        default -> cursor.other(mark, name, value);
      }
    }
    cursor.leave(mark);
    return new UserIds(openId, userId, unionId);
  }
}
