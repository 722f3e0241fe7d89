package io.feishubot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feishubot.config.FeishuConfig;
import io.feishubot.emulator.Faults.Fault;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The slice of the Open API the bot calls, played by the emulator and following the real contract:
 * the token endpoint checks the app's credentials, message calls demand the issued bearer token, a
 * {@code uuid} posts at most once, and every answer has Feishu's {@code code}/{@code msg} shape.
 * What is posted lands in the {@link ChatStore}, where the page shows it.
 */
@ApplicationScoped
public class FakeOpenApi {

  /** An answer, how long to hold it back, and the fault that shaped it ({@code NONE} if none). */
  record Answer(
      int status, ObjectNode body, Map<String, String> headers, Duration delay, Fault fault) {
    static Answer of(int status, ObjectNode body) {
      return new Answer(status, body, Map.of(), Duration.ZERO, Fault.NONE);
    }

    Answer because(Fault cause) {
      return new Answer(status, body, headers, delay, cause);
    }

    int code() {
      return body.path("code").asInt(-1);
    }
  }

  static final int TOKEN_LIFETIME_SECONDS = 7200;

  /** Messages to unknown parents (sent by another tool) still show, in a chat of their own. */
  static final String ELSEWHERE = "oc_elsewhere";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> TEXT_TYPES = Set.of("text");
  private static final int MAX_TEXT_BYTES = 150 * 1024;
  private static final int MAX_RICH_BYTES = 30 * 1024;
  private static final int MAX_UUIDS = 2000;

  private final FeishuConfig config;
  private final ChatStore chats;
  private final Faults faults;
  private final ObjectMapper json;
  // Feishu keeps a uuid for an hour; a bounded map is enough for one emulator session.
  private final Map<String, String> messageByUuid =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > MAX_UUIDS;
        }
      };
  private volatile String token = newToken();

  public FakeOpenApi(FeishuConfig config, ChatStore chats, Faults faults, ObjectMapper json) {
    this.config = config;
    this.chats = chats;
    this.faults = faults;
    this.json = json;
  }

  /** {@code POST auth/v3/tenant_access_token/internal}. */
  Answer tenantAccessToken(byte[] body) {
    JsonNode request = parse(body);
    if (request == null) {
      return fieldValidationFailed("body is not a JSON object");
    }
    boolean valid =
        matches(request.path("app_id").asText(null), config.appId().orElse(null))
            && matches(request.path("app_secret").asText(null), config.appSecret().orElse(null));
    if (!valid) {
      return Answer.of(200, error(10014, "app secret invalid"));
    }
    ObjectNode answer = NODES.objectNode().put("code", 0).put("msg", "ok");
    answer.put("tenant_access_token", token).put("expire", TOKEN_LIFETIME_SECONDS);
    return Answer.of(200, answer);
  }

  /** {@code POST im/v1/messages/{message_id}/reply}. */
  Answer reply(String authorization, String messageId, byte[] body) {
    String parentChat = chats.get(messageId).map(ChatStore.Message::chatId).orElse(ELSEWHERE);
    return post(authorization, body, parentChat, messageId);
  }

  /** {@code POST im/v1/messages?receive_id_type=…}. */
  Answer send(String authorization, String receiveIdType, byte[] body) {
    if (!"chat_id".equals(receiveIdType)) {
      // The bot only sends to chats; the real API takes open_id, email, … too.
      return fieldValidationFailed("receive_id_type: this fake Open API supports chat_id");
    }
    JsonNode request = parse(body);
    String chatId = request == null ? null : request.path("receive_id").asText(null);
    if (chatId == null || !chatId.startsWith("oc_")) {
      return fieldValidationFailed("receive_id: a chat id (oc_…) is required");
    }
    return post(authorization, body, chatId, null);
  }

  /** {@code PATCH im/v1/messages/{message_id}}: a new card for a card the app sent. */
  Answer update(String authorization, String messageId, byte[] body) {
    Admission admission = admit(authorization);
    if (admission.refusal() != null) {
      return admission.refusal();
    }
    JsonNode request = parse(body);
    String content = request == null ? null : request.path("content").asText(null);
    ChatStore.Message target = chats.get(messageId).orElse(null);
    if (target == null
        || !"interactive".equals(target.msgType())
        || !ChatStore.BOT.equals(target.from())) {
      return fieldValidationFailed("message_id: only cards the app sent can be updated");
    }
    Answer invalid = validateContent("interactive", content);
    if (invalid != null) {
      return invalid;
    }
    chats.update(messageId, content);
    return delayedIfSlow(admission.fault(), Answer.of(200, success(NODES.objectNode())));
  }

  private Answer post(String authorization, byte[] body, String chatId, String parentId) {
    Admission admission = admit(authorization);
    if (admission.refusal() != null) {
      return admission.refusal();
    }
    JsonNode request = parse(body);
    if (request == null) {
      return fieldValidationFailed("body is not a JSON object");
    }
    String msgType = request.path("msg_type").asText("");
    String content = request.path("content").asText(null);
    Answer invalid = validateContent(msgType, content);
    if (invalid != null) {
      return invalid;
    }
    String uuid = request.path("uuid").asText(null);
    String id = postOnce(uuid, chatId, parentId, msgType, content);
    ObjectNode data = NODES.objectNode().put("message_id", id).put("msg_type", msgType);
    data.put("chat_id", chatId);
    return delayedIfSlow(admission.fault(), Answer.of(200, success(data)));
  }

  /**
   * A slow call still takes effect, as on Feishu: the bot's retry of a post (same uuid) then finds
   * the message already there instead of posting it twice.
   */
  private static Answer delayedIfSlow(Fault fault, Answer answer) {
    return fault == Fault.SLOW
        ? new Answer(answer.status(), answer.body(), answer.headers(), Fault.SLOW_BY, fault)
        : answer;
  }

  private synchronized String postOnce(
      String uuid, String chatId, String parentId, String msgType, String content) {
    if (uuid != null && messageByUuid.containsKey(uuid)) {
      return messageByUuid.get(uuid);
    }
    String id = newMessageId();
    chats.post(id, chatId, parentId, ChatStore.BOT, msgType, content);
    if (uuid != null) {
      messageByUuid.put(uuid, id);
    }
    return id;
  }

  private Answer spoiled(Fault fault) {
    return switch (fault) {
      case NONE, SLOW -> null;
      case SERVER_ERROR -> Answer.of(500, error(1, "internal error")).because(fault);
      case RATE_LIMIT ->
          new Answer(
              429,
              error(99991400, "request trigger frequency limit"),
              Map.of("x-ogw-ratelimit-limit", "50", "x-ogw-ratelimit-reset", "1"),
              Duration.ZERO,
              fault);
      case INVALID_TOKEN -> {
        // Revoked: the token endpoint hands out a new one from now on.
        token = newToken();
        yield invalidToken().because(fault);
      }
    };
  }

  /** What a message call met first: the fault it drew, and the answer if it goes no further. */
  private record Admission(Fault fault, Answer refusal) {}

  /** The bearer token, then the fault switch: every message call passes both, in that order. */
  private Admission admit(String authorization) {
    if (!matches(authorization, "Bearer " + token)) {
      return new Admission(Fault.NONE, invalidToken());
    }
    Fault fault = faults.take();
    return new Admission(fault, spoiled(fault));
  }

  private Answer validateContent(String msgType, String content) {
    if (msgType.isBlank()) {
      return fieldValidationFailed("msg_type is required");
    }
    JsonNode document = content == null ? null : parse(content.getBytes(StandardCharsets.UTF_8));
    if (document == null) {
      return "interactive".equals(msgType)
          ? Answer.of(400, error(230099, "Failed to create card content"))
          : fieldValidationFailed("content must be a JSON object serialized as a string");
    }
    int limit = TEXT_TYPES.contains(msgType) ? MAX_TEXT_BYTES : MAX_RICH_BYTES;
    if (content.getBytes(StandardCharsets.UTF_8).length > limit) {
      return Answer.of(400, error(230025, "message content too long"));
    }
    return null;
  }

  private JsonNode parse(byte[] body) {
    try {
      JsonNode node = body == null || body.length == 0 ? null : json.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static Answer invalidToken() {
    return Answer.of(
        400,
        error(
            99991663,
            "Invalid access token for authorization. Please make a request with token attached."));
  }

  private static Answer fieldValidationFailed(String detail) {
    return Answer.of(400, error(99992402, "field validation failed: " + detail));
  }

  private static ObjectNode success(ObjectNode data) {
    ObjectNode answer = NODES.objectNode().put("code", 0).put("msg", "success");
    answer.set("data", data);
    return answer;
  }

  private static ObjectNode error(int code, String msg) {
    return NODES.objectNode().put("code", code).put("msg", msg);
  }

  /** Constant time, as a real credential check must be. */
  private static boolean matches(String given, String expected) {
    return given != null
        && expected != null
        && MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private static String newToken() {
    return "t-emulator-" + UUID.randomUUID().toString().replace("-", "");
  }

  private static String newMessageId() {
    return "om_" + UUID.randomUUID().toString().replace("-", "");
  }
}
