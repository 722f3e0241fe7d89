package io.feishubot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feishubot.config.FeishuConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Everything the page shows, as one JSON document: people, chats, messages, deliveries, Open API
 * calls and the fault switch. Trees, not reflection, as in the message model. Never a secret: no
 * plaintext (it holds the verification token), no tokens, no keys.
 */
@ApplicationScoped
public class Snapshot {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FeishuConfig config;
  private final Changes changes;
  private final ChatStore chats;
  private final DeliveryLog deliveries;
  private final OpenApiCalls calls;
  private final Faults faults;

  public Snapshot(
      FeishuConfig config,
      Changes changes,
      ChatStore chats,
      DeliveryLog deliveries,
      OpenApiCalls calls,
      Faults faults) {
    this.config = config;
    this.changes = changes;
    this.chats = chats;
    this.deliveries = deliveries;
    this.calls = calls;
    this.faults = faults;
  }

  ObjectNode build() {
    // Read first, so a change during the build shows up in the next poll rather than being lost.
    ObjectNode state = NODES.objectNode().put("revision", changes.revision());
    state.putObject("bot").put("name", Tenant.BOT_NAME).put("openId", botOpenId(config));
    state.set("replies", replies());
    ArrayNode users = state.putArray("users");
    Tenant.USERS.forEach(
        user ->
            users
                .addObject()
                .put("key", user.key())
                .put("name", user.name())
                .put("openId", user.openId()));
    ArrayNode messages = state.putArray("messages");
    Set<String> chatIds = new LinkedHashSet<>();
    Tenant.chats().forEach(chat -> chatIds.add(chat.id()));
    for (ChatStore.Message message : chats.all()) {
      messages.add(message(message));
      chatIds.add(message.chatId());
    }
    ArrayNode chatList = state.putArray("chats");
    for (String id : chatIds) {
      chatList.add(chat(id));
    }
    ArrayNode log = state.putArray("deliveries");
    deliveries.entries().forEach(entry -> log.add(delivery(entry)));
    ArrayNode apiCalls = state.putArray("openApiCalls");
    calls.calls().forEach(call -> apiCalls.add(call(call)));
    state.put("fault", faults.armed().wireName());
    return state;
  }

  static String botOpenId(FeishuConfig config) {
    return config.botOpenId().filter(id -> !id.isBlank()).orElse(Tenant.DEFAULT_BOT_OPEN_ID);
  }

  static ObjectNode delivery(DeliveryLog.Entry entry) {
    ObjectNode json = NODES.objectNode();
    json.put("id", entry.id()).put("eventId", entry.eventId()).put("eventType", entry.eventType());
    json.put("summary", entry.summary()).put("kind", entry.kind().name().toLowerCase());
    json.put("status", entry.status()).put("latencyMs", entry.latencyMs());
    json.put("outcome", entry.outcome()).put("reason", entry.reason());
    json.put("answer", entry.answer()).put("at", entry.at());
    return json;
  }

  /** Where replies go: captured here, only logged (dry run), or sent somewhere else. */
  private ObjectNode replies() {
    ObjectNode replies = NODES.objectNode();
    boolean captured =
        config.apiBaseUrl().getPath().endsWith(FakeOpenApiResource.ROOT)
            && !config.dryRunEffective();
    String mode = config.dryRunEffective() ? "dry-run" : captured ? "captured" : "elsewhere";
    replies.put("mode", mode);
    // The base URL holds no secret; it tells the reader where replies went instead.
    replies.put("apiBaseUrl", config.apiBaseUrl().toString());
    return replies;
  }

  private static ObjectNode chat(String id) {
    ObjectNode json = NODES.objectNode().put("id", id);
    Tenant.Chat known =
        Tenant.chats().stream().filter(chat -> chat.id().equals(id)).findFirst().orElse(null);
    if (known == null) {
      // A chat the page did not create: messages from SendEvent.java or replies to unknown ids.
      return json.put("type", "other").put("name", "Elsewhere (" + id + ")");
    }
    json.put("type", known.type()).put("name", known.name());
    return json.put("user", known.userKey());
  }

  private static ObjectNode message(ChatStore.Message message) {
    ObjectNode json = NODES.objectNode();
    json.put("id", message.id()).put("chatId", message.chatId());
    json.put("parentId", message.parentId()).put("from", message.from());
    json.put("msgType", message.msgType()).put("version", message.version());
    json.put("createdAt", message.createdAt()).put("updatedAt", message.updatedAt());
    json.set("content", document(message.content()));
    return json;
  }

  private static ObjectNode call(OpenApiCalls.Call call) {
    ObjectNode json = NODES.objectNode();
    json.put("id", call.id()).put("method", call.method()).put("path", call.path());
    json.put("status", call.status()).put("code", call.code()).put("fault", call.fault());
    json.put("ms", call.ms()).put("at", call.at());
    return json;
  }

  /** Content as parsed JSON for the page; the fake Open API only stores valid documents. */
  private static JsonNode document(String content) {
    try {
      return JSON.readTree(content);
    } catch (IOException e) {
      return NODES.textNode(content);
    }
  }
}
