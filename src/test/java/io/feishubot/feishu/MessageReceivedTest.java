package io.feishubot.feishu;

import static io.feishubot.feishu.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageReceivedTest {

  private final EnvelopeParser parser = new EnvelopeParser();
  private final ObjectMapper json = new ObjectMapper();

  /** The event as a tree, which the parser no longer keeps for message events. */
  private JsonNode eventOf(String fixture) {
    try {
      JsonNode root = json.readTree(event(fixture));
      assertEquals(MessageReceived.EVENT_TYPE, root.path("header").path("event_type").asText());
      return root.get("event");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"im.message.receive_v1-group-mention.json", "im.message.receive_v1-p2p-help.json"})
  void readsTheEventTheParserReads(String fixture) {
    EventCallback callback = assertInstanceOf(EventCallback.class, parser.parse(event(fixture)));
    assertEquals(MessageReceived.from(eventOf(fixture)), callback.event());
  }

  @Test
  void readsGroupMessage_withSenderAndMentions() {
    MessageReceived received =
        MessageReceived.from(eventOf("im.message.receive_v1-group-mention.json"));

    assertEquals(
        new MessageReceived.Sender(
            "user",
            "ou_84aad35d084aa403a838cf73ee18467",
            "e33ggbyz",
            "on_8ed6aa67826108097d9ee143816345",
            "736588c9260f175e"),
        received.sender());
    MessageReceived.Message message = received.message();
    assertEquals("om_5ce6d572455d361153b7cb51da133945", message.messageId());
    assertEquals("om_5ce6d572455d361153b7cb5xxfsdfsdfdsf", message.rootId());
    assertEquals("om_5ce6d572455d361153b7cb5xxfsdfsdfdsf", message.parentId());
    assertEquals("omt_d4be107c616", message.threadId());
    assertEquals("oc_5ce6d572455d361153b7xx51da133945", message.chatId());
    assertEquals("group", message.chatType());
    assertEquals("text", message.messageType());
    assertEquals("{\"text\":\"@_user_1 /help @_user_2\"}", message.content());
    assertEquals(
        List.of(
            new MessageReceived.Mention(
                "@_user_1",
                "ou_bot000000000000000000000000000",
                null,
                "on_bot0000000000000000000000000",
                "feishu-bot"),
            new MessageReceived.Mention(
                "@_user_2",
                "ou_tom000000000000000000000000000",
                "tom",
                "on_tom00000000000000000000000000",
                "Tom")),
        message.mentions());
  }

  @Test
  void readsMinimalP2pMessage_withAbsentFieldsAsNull() {
    MessageReceived received = MessageReceived.from(eventOf("im.message.receive_v1-p2p-help.json"));

    assertNull(received.sender());
    MessageReceived.Message message = received.message();
    assertEquals("om_1", message.messageId());
    assertEquals("p2p", message.chatType());
    assertEquals("{\"text\":\"/help\"}", message.content());
    assertNull(message.rootId());
    assertNull(message.threadId());
    assertTrue(message.mentions().isEmpty());
  }

  @Test
  void rejects_whenMessageIdMissing() {
    ObjectNode event = eventOf("im.message.receive_v1-group-mention.json").deepCopy();
    ((ObjectNode) event.get("message")).remove("message_id");
    MalformedPayloadException e =
        assertThrows(MalformedPayloadException.class, () -> MessageReceived.from(event));
    assertEquals("message.message_id missing", e.getMessage());
  }

  @Test
  void rejects_whenMessageTypeMissing() {
    ObjectNode event = eventOf("im.message.receive_v1-group-mention.json").deepCopy();
    ((ObjectNode) event.get("message")).remove("message_type");
    assertEquals("message.message_type missing", problem(event));
  }

  @Test
  void rejects_whenMessageMissingOrEventNotAnObject() throws Exception {
    assertEquals("message missing", problem(json.readTree("{}")));
    assertEquals("message missing", problem(json.readTree("{\"message\":null}")));
    assertEquals("message is not an object", problem(json.readTree("{\"message\":\"m\"}")));
    assertEquals("event is not an object", problem(json.readTree("[]")));
    assertEquals("event missing", problem(null));
    assertEquals("event missing", problem(json.readTree("null")));
  }

  @Test
  void rejects_whenMentionsNotAnArray() throws Exception {
    JsonNode event =
        json.readTree(
            "{\"message\":{\"message_id\":\"om_1\",\"message_type\":\"text\",\"mentions\":{}}}");
    assertEquals("message.mentions is not an array", problem(event));
  }

  @Test
  void rejects_whenAFieldHasTheWrongType() {
    ObjectNode event = eventOf("im.message.receive_v1-group-mention.json").deepCopy();
    ((ObjectNode) event.get("message")).put("chat_id", 42);
    assertEquals("message.chat_id is not a string", problem(event));
  }

  @Test
  void accepts_mentionsLackingFields() throws Exception {
    JsonNode event =
        json.readTree(
            "{\"message\":{\"message_id\":\"om_1\",\"message_type\":\"text\","
                + "\"mentions\":[{},{\"name\":\"N\",\"id\":{\"open_id\":\"ou_1\"}}]}}");
    assertEquals(
        List.of(
            new MessageReceived.Mention(null, null, null, null, null),
            new MessageReceived.Mention(null, "ou_1", null, null, "N")),
        MessageReceived.from(event).message().mentions());
  }

  private static String problem(JsonNode event) {
    return assertThrows(MalformedPayloadException.class, () -> MessageReceived.from(event))
        .getMessage();
  }

  @Test
  void mentions_areImmutable() {
    MessageReceived received =
        MessageReceived.from(eventOf("im.message.receive_v1-group-mention.json"));
    assertThrows(UnsupportedOperationException.class, () -> received.message().mentions().clear());
  }
}
