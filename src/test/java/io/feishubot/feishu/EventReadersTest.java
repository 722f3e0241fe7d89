package io.feishubot.feishu;

import static io.feishubot.feishu.Fixtures.event;
import static io.feishubot.feishu.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The readers of the event types with a record ({@link EventReaders}): each type read into its
 * record, equal on the streaming path and the tree path, and the problems that make an event of a
 * known type unreadable, named the same on both.
 */
class EventReadersTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EnvelopeParser parser = new EnvelopeParser();

  private static String envelope(String eventType, String event) {
    return "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"e\",\"event_type\":\""
        + eventType
        + "\"},\"event\":"
        + event
        + "}";
  }

  /** The event of {@code json}, which both paths read to equal records. */
  private FeishuEvent read(String json) {
    byte[] bytes = utf8(json);
    EventCallback streamed = parser.readStreaming(bytes);
    assertNotNull(streamed, () -> "declined " + json);
    EventCallback tree = assertInstanceOf(EventCallback.class, parser.parseDecryptedTree(bytes));
    assertEquals(tree, streamed, json);
    assertEquals(tree, parser.parseTree(bytes), json);
    assertEquals(tree, parser.parse(bytes), json);
    assertEquals(tree, parser.parseDecrypted(bytes), json);
    // Equal records could still hide values of different types inside a card action's maps.
    assertEquals(
        EnvelopeParserDifferentialTest.describe(tree),
        EnvelopeParserDifferentialTest.describe(streamed));
    assertEquals(tree.header().eventType(), tree.event().eventType());
    return streamed.event();
  }

  private FeishuEvent readFixture(String fixture) {
    return read(new String(event(fixture), StandardCharsets.UTF_8));
  }

  /** The problem that makes {@code event} of {@code eventType} unreadable, on both paths. */
  private String problem(String eventType, String event) {
    UnreadableEvent unreadable =
        assertInstanceOf(UnreadableEvent.class, read(envelope(eventType, event)), event);
    assertEquals(eventType, unreadable.eventType());
    return unreadable.problem();
  }

  // ---- the registry ----

  @Test
  void eachTypeHasItsRecord_andOtherTypesAreRaw() {
    assertEquals(MessageReceived.class, FeishuEvent.recordOf("im.message.receive_v1"));
    assertEquals(BotAddedToChat.class, FeishuEvent.recordOf("im.chat.member.bot.added_v1"));
    assertEquals(BotRemovedFromChat.class, FeishuEvent.recordOf("im.chat.member.bot.deleted_v1"));
    assertEquals(CardActionTriggered.class, FeishuEvent.recordOf("card.action.trigger"));
    assertEquals(RawEvent.class, FeishuEvent.recordOf("im.message.reaction.created_v1"));
    assertEquals(RawEvent.class, FeishuEvent.recordOf("card.action.trigger_v1"));
    assertEquals(RawEvent.class, FeishuEvent.recordOf("app_ticket"));
  }

  // ---- im.chat.member.bot.added_v1 / deleted_v1 ----

  @Test
  void readsBotAddedToChat_fromTheFixture() {
    assertEquals(
        new BotAddedToChat(
            "oc_413871d21ce36f3ac8fe7d0d9e4e9d0c",
            new UserIds(
                "ou_84aad35d084aa403a838cf73ee18467",
                "e33ggbyz",
                "on_8ed6aa67826108097d9ee143816345"),
            "86gdd7a4b5a2fbb8",
            "测试群",
            false),
        readFixture("im.chat.member.bot.added_v1-group.json"));
  }

  @Test
  void readsBotRemovedFromChat_fromTheFixture() {
    assertEquals(
        new BotRemovedFromChat(
            "oc_9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b",
            new UserIds(
                "ou_tom000000000000000000000000000", "tom", "on_tom00000000000000000000000000"),
            "3ab1e0f7c2d94e18",
            "Partner Ops",
            true),
        readFixture("im.chat.member.bot.deleted_v1-group.json"));
  }

  @Test
  void readsChatMembership_withOnlyTheChatId() {
    assertEquals(
        new BotAddedToChat("oc_1", new UserIds(null, null, null), null, null, false),
        read(envelope(BotAddedToChat.EVENT_TYPE, "{\"chat_id\":\"oc_1\"}")));
    assertEquals(
        new BotRemovedFromChat("oc_1", new UserIds(null, null, null), null, null, false),
        read(
            envelope(
                BotRemovedFromChat.EVENT_TYPE,
                "{\"operator_id\":null,\"name\":null,\"external\":null,\"chat_id\":\"oc_1\"}")));
  }

  static Stream<Arguments> unreadableChatMemberships() {
    return Stream.of(
        arguments("{}", "chat_id missing"),
        arguments("{\"chat_id\":null}", "chat_id missing"),
        arguments("{\"chat_id\":\"\"}", "chat_id missing"),
        arguments("{\"chat_id\":\" \"}", "chat_id missing"),
        arguments("{\"operator_id\":{\"open_id\":\"ou_1\"},\"name\":\"n\"}", "chat_id missing"),
        arguments("{\"chat_id\":7}", "chat_id is not a string"),
        arguments("{\"chat_id\":{\"id\":\"oc_1\"}}", "chat_id is not a string"),
        arguments(
            "{\"chat_id\":\"oc_1\",\"operator_id\":\"ou_1\"}", "operator_id is not an object"),
        arguments(
            "{\"chat_id\":\"oc_1\",\"operator_id\":{\"open_id\":1}}",
            "operator_id.open_id is not a string"),
        arguments(
            "{\"chat_id\":\"oc_1\",\"operator_id\":{\"union_id\":[]}}",
            "operator_id.union_id is not a string"),
        arguments("{\"chat_id\":\"oc_1\",\"external\":\"false\"}", "external is not a boolean"),
        arguments("{\"chat_id\":\"oc_1\",\"external\":0}", "external is not a boolean"),
        arguments("{\"chat_id\":\"oc_1\",\"name\":{}}", "name is not a string"),
        arguments(
            "{\"chat_id\":\"oc_1\",\"operator_tenant_key\":false}",
            "operator_tenant_key is not a string"),
        // A wrong type found while reading comes before what is missing at the end.
        arguments("{\"external\":1}", "external is not a boolean"));
  }

  @ParameterizedTest
  @MethodSource("unreadableChatMemberships")
  void readsChatMembershipLackingWhatItNeeds_asUnreadable(String event, String problem) {
    assertEquals(problem, problem(BotAddedToChat.EVENT_TYPE, event));
    assertEquals(problem, problem(BotRemovedFromChat.EVENT_TYPE, event));
  }

  // ---- card.action.trigger ----

  @Test
  void readsCardAction_fromTheFixture() {
    Map<String, Object> formValue = new LinkedHashMap<>();
    formValue.put("field name1", List.of("selectDemo1", "selectDemo2"));
    formValue.put("field name2", "value2");
    formValue.put("DatePicker_bpqdq5puvn4", "2024-04-01 +0800");
    formValue.put("DateTimePicker_ihz2d7a74i", "2024-04-29 07:07 +0800");
    formValue.put("Input_lf4fmxwfrd9", "1234");
    formValue.put("PersonSelect_2ejys7ype7m", "ou_3c14f3a59eaf2825dbe25359f15*****");
    formValue.put("Select_a2d5b7l3zd", "1");
    formValue.put("TimePicker_7ecsf6xkqsq", "00:00 +0800");
    CardActionTriggered card =
        assertInstanceOf(CardActionTriggered.class, readFixture("card.action.trigger-button.json"));
    assertEquals(
        new CardActionTriggered(
            new UserIds(
                "ou_3c14f3a59eaf2825dbe25359f15*****",
                "867*****",
                "on_cad4860e7af114fb4ff6c5d496d*****"),
            "2df73991750*****",
            "c-295ee57216a5dc9de90fefd0aadb4b1d7d******",
            new CardActionTriggered.Action(
                Map.of("action", "deploy.approve", "service", "api"),
                "button",
                "Button_lvkepfu3",
                formValue,
                null,
                null,
                List.of(),
                null),
            "om_574d639e4a44e4dd646eaf628e2*****",
            "oc_e4d2605ca917e695f54f11aaf56*****"),
        card);
    // In the order Feishu sent them.
    assertEquals(List.copyOf(formValue.keySet()), List.copyOf(card.action().formValue().keySet()));
  }

  @Test
  void readsCardAction_withTheOperatorAlone_andEmptyDefaults() {
    CardActionTriggered card =
        assertInstanceOf(
            CardActionTriggered.class,
            read(
                envelope(
                    CardActionTriggered.EVENT_TYPE,
                    "{\"operator\":{\"open_id\":\"ou_1\"},\"action\":{}}")));
    assertEquals(new UserIds("ou_1", null, null), card.operator());
    assertNull(card.operatorTenantKey());
    assertNull(card.token());
    assertNull(card.openMessageId());
    assertNull(card.openChatId());
    assertEquals(
        new CardActionTriggered.Action(Map.of(), null, null, Map.of(), null, null, List.of(), null),
        card.action());
  }

  @Test
  void readsCardAction_componentAnswers() {
    // As the CLI's test sends a button click, plus the answers of the other components.
    CardActionTriggered card =
        assertInstanceOf(
            CardActionTriggered.class,
            read(
                envelope(
                    CardActionTriggered.EVENT_TYPE,
                    "{\"operator\":{\"open_id\":\"ou_operator\"},\"token\":\"c-token-btn\","
                        + "\"host\":\"im_message\",\"action\":{\"tag\":\"select_static\","
                        + "\"value\":{\"key\":\"approve\"},\"name\":\"approve_btn\","
                        + "\"form_value\":{},\"options\":[\"a\",null,\"b\"],\"checked\":false,"
                        + "\"option\":\"o\",\"input_value\":\"typed\"},"
                        + "\"context\":{\"open_message_id\":\"om_msg_001\","
                        + "\"open_chat_id\":\"oc_chat_001\",\"url\":null}}")));
    assertEquals(
        new CardActionTriggered.Action(
            Map.of("key", "approve"),
            "select_static",
            "approve_btn",
            Map.of(),
            "typed",
            "o",
            List.of("a", "b"),
            false),
        card.action());
    assertEquals("c-token-btn", card.token());
    assertEquals("om_msg_001", card.openMessageId());
    assertEquals("oc_chat_001", card.openChatId());
  }

  @Test
  void readsCardActionValues_nestedObjectsAndArrays_withTheirTypes() {
    String value =
        "{\"action\":\"deploy.approve\",\"args\":{\"service\":\"api\",\"replicas\":3,"
            + "\"ratio\":0.5,\"big\":12345678901234567890123,\"long\":4294967296,"
            + "\"dry\":false,\"none\":null,\"tags\":[\"a\",1,[true,{}],null,{\"k\":[]}]}}";
    String formValue = "{\"multi\":[\"x\",\"y\"],\"nested\":{\"deeper\":{\"list\":[[]]}},\"n\":-1}";
    CardActionTriggered card =
        assertInstanceOf(
            CardActionTriggered.class,
            read(
                envelope(
                    CardActionTriggered.EVENT_TYPE,
                    "{\"operator\":{\"open_id\":\"ou_1\"},\"action\":{\"value\":"
                        + value
                        + ",\"form_value\":"
                        + formValue
                        + "}}")));
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("service", "api");
    args.put("replicas", 3);
    args.put("ratio", 0.5);
    args.put("big", new BigInteger("12345678901234567890123"));
    args.put("long", 4294967296L);
    args.put("dry", false);
    args.put("none", null);
    args.put("tags", Arrays.asList("a", 1, List.of(true, Map.of()), null, Map.of("k", List.of())));
    Map<String, Object> expectedValue = new LinkedHashMap<>();
    expectedValue.put("action", "deploy.approve");
    expectedValue.put("args", args);
    assertEquals(expectedValue, card.action().value());
    assertEquals(
        Map.of(
            "multi", List.of("x", "y"),
            "nested", Map.of("deeper", Map.of("list", List.of(List.of()))),
            "n", -1),
        card.action().formValue());
    // Map equality hides neither a key nor a type: 3 is an Integer, 4294967296 a Long.
    @SuppressWarnings("unchecked")
    Map<String, Object> readArgs = (Map<String, Object>) card.action().value().get("args");
    assertInstanceOf(Integer.class, readArgs.get("replicas"));
    assertInstanceOf(Long.class, readArgs.get("long"));
    assertInstanceOf(Double.class, readArgs.get("ratio"));
    assertInstanceOf(BigInteger.class, readArgs.get("big"));
    assertTrue(readArgs.containsKey("none"));
  }

  @Test
  void cardActionValues_areImmutable_allTheWayDown() {
    CardActionTriggered card =
        assertInstanceOf(
            CardActionTriggered.class,
            read(
                envelope(
                    CardActionTriggered.EVENT_TYPE,
                    "{\"operator\":{\"open_id\":\"ou_1\"},\"action\":{\"value\":"
                        + "{\"o\":{\"a\":[1]}},\"options\":[\"x\"]}}")));
    Map<String, Object> value = card.action().value();
    assertThrows(UnsupportedOperationException.class, () -> value.put("x", 1));
    @SuppressWarnings("unchecked")
    Map<String, Object> inner = (Map<String, Object>) value.get("o");
    assertThrows(UnsupportedOperationException.class, () -> inner.remove("a"));
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) inner.get("a");
    assertThrows(UnsupportedOperationException.class, () -> list.add(2));
    assertThrows(UnsupportedOperationException.class, () -> card.action().options().clear());
  }

  static Stream<Arguments> unreadableCardActions() {
    String operator = "\"operator\":{\"open_id\":\"ou_1\"}";
    return Stream.of(
        arguments("{" + operator + "}", "action missing"),
        arguments("{" + operator + ",\"action\":null}", "action missing"),
        arguments("{" + operator + ",\"action\":\"button\"}", "action is not an object"),
        arguments("{" + operator + ",\"action\":[{}]}", "action is not an object"),
        arguments(
            "{" + operator + ",\"action\":{\"value\":\"approve\"}}",
            "action.value is not an object"),
        arguments(
            "{" + operator + ",\"action\":{\"value\":[\"approve\"]}}",
            "action.value is not an object"),
        arguments("{" + operator + ",\"action\":{\"value\":1}}", "action.value is not an object"),
        arguments(
            "{" + operator + ",\"action\":{\"form_value\":\"f\"}}",
            "action.form_value is not an object"),
        arguments(
            "{" + operator + ",\"action\":{\"options\":\"a\"}}", "action.options is not an array"),
        arguments(
            "{" + operator + ",\"action\":{\"options\":[\"a\",1]}}",
            "action.options is not a string"),
        arguments(
            "{" + operator + ",\"action\":{\"checked\":\"true\"}}",
            "action.checked is not a boolean"),
        arguments("{" + operator + ",\"action\":{\"tag\":5}}", "action.tag is not a string"),
        arguments(
            "{" + operator + ",\"action\":{\"input_value\":{}}}",
            "action.input_value is not a string"),
        arguments("{\"action\":{}}", "operator.open_id missing"),
        arguments("{\"operator\":null,\"action\":{}}", "operator.open_id missing"),
        arguments("{\"operator\":{},\"action\":{}}", "operator.open_id missing"),
        arguments(
            "{\"operator\":{\"user_id\":\"u\",\"union_id\":\"on\"},\"action\":{}}",
            "operator.open_id missing"),
        arguments("{\"operator\":{\"open_id\":\"\"},\"action\":{}}", "operator.open_id missing"),
        arguments("{\"operator\":{\"open_id\":\" \"},\"action\":{}}", "operator.open_id missing"),
        arguments("{\"operator\":\"ou_1\",\"action\":{}}", "operator is not an object"),
        arguments(
            "{\"operator\":{\"open_id\":2},\"action\":{}}", "operator.open_id is not a string"),
        arguments("{" + operator + ",\"action\":{},\"context\":[]}", "context is not an object"),
        arguments(
            "{" + operator + ",\"action\":{},\"context\":{\"open_chat_id\":1}}",
            "context.open_chat_id is not a string"),
        arguments("{" + operator + ",\"action\":{},\"token\":{}}", "token is not a string"),
        // Both missing: the action is named first.
        arguments("{}", "action missing"));
  }

  @ParameterizedTest
  @MethodSource("unreadableCardActions")
  void readsCardActionLackingWhatItNeeds_asUnreadable(String event, String problem) {
    assertEquals(problem, problem(CardActionTriggered.EVENT_TYPE, event));
  }

  // ---- other types ----

  @Test
  void readsAnUnknownSchemaV2Type_fromTheTree_withItsEventTree() throws Exception {
    String event =
        "{\"message_id\":\"om_1\",\"reaction_type\":{\"emoji_type\":\"THUMBSUP\"},"
            + "\"operator_type\":\"user\",\"user_id\":{\"open_id\":\"ou_1\"},\"action_time\":\"1\"}";
    String json = envelope("im.message.reaction.created_v1", event);
    byte[] bytes = utf8(json);
    assertNull(parser.readStreaming(bytes), "no record, so no streaming");
    RawEvent expected = new RawEvent("im.message.reaction.created_v1", JSON.readTree(event));
    for (Envelope envelope :
        List.of(
            parser.parse(bytes),
            parser.parseDecrypted(bytes),
            parser.parseTree(bytes),
            parser.parseDecryptedTree(bytes))) {
      assertEquals(expected, assertInstanceOf(EventCallback.class, envelope).event());
    }
  }

  @Test
  void readsAKnownTypeWhoseEventIsNoObject_asUnreadable_ofThatType() {
    for (String eventType :
        List.of(
            MessageReceived.EVENT_TYPE,
            BotAddedToChat.EVENT_TYPE,
            BotRemovedFromChat.EVENT_TYPE,
            CardActionTriggered.EVENT_TYPE)) {
      byte[] bytes = utf8(envelope(eventType, "[]"));
      assertNull(parser.readStreaming(bytes));
      assertEquals(
          new UnreadableEvent(eventType, "event is not an object"),
          ((EventCallback) parser.parse(bytes)).event());
    }
  }

  @Test
  void readsTheSameEventForTheSameObject_whateverTheTypeSaysItIs() {
    // A message event sent as another type is read by that type's reader, not by its shape.
    String message = "{\"message\":{\"message_id\":\"om_1\",\"message_type\":\"text\"}}";
    assertEquals("chat_id missing", problem(BotAddedToChat.EVENT_TYPE, message));
    assertEquals("action missing", problem(CardActionTriggered.EVENT_TYPE, message));
    assertEquals("message missing", problem(MessageReceived.EVENT_TYPE, "{\"chat_id\":\"oc_1\"}"));
  }
}
