package io.feishubot.feishu;

import static io.feishubot.feishu.EnvelopeParserDifferentialTest.describe;
import static io.feishubot.feishu.EnvelopeParserDifferentialTest.outcome;
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
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules the streaming reader keeps, one by one: what it reads itself, and what it leaves to the
 * tree reader (declines), with the answer {@link EnvelopeParser#parseDecrypted} then gives.
 */
class StreamingEventReaderTest {

  private static final String HEADER =
      "\"header\":{\"event_id\":\"e1\",\"event_type\":\"im.message.receive_v1\","
          + "\"token\":\"vt\",\"app_id\":\"cli_1\",\"tenant_key\":\"tk\",\"create_time\":\"1\"}";
  private static final String MESSAGE =
      "\"message\":{\"message_id\":\"om_1\",\"chat_id\":\"oc_1\",\"chat_type\":\"group\","
          + "\"message_type\":\"text\",\"content\":\"{\\\"text\\\":\\\"/ping\\\"}\","
          + "\"mentions\":[{\"key\":\"@_user_1\",\"id\":{\"open_id\":\"ou_b\"},\"name\":\"B\"}]}";
  private static final String CARD_HEADER =
      "\"header\":{\"event_id\":\"e\",\"event_type\":\"card.action.trigger\"}";
  private static final String SENDER =
      "\"sender\":{\"sender_id\":{\"open_id\":\"ou_1\",\"user_id\":\"u1\",\"union_id\":\"on_1\"},"
          + "\"sender_type\":\"user\",\"tenant_key\":\"tk\"}";

  /** A header of a type with a record whose reader needs nothing but {@code chat_id}. */
  private static final String BOT_ADDED_HEADER =
      "\"header\":{\"event_id\":\"e\",\"event_type\":\"im.chat.member.bot.added_v1\"}";

  private final EnvelopeParser parser = new EnvelopeParser();

  private static String message(String event) {
    return "{\"schema\":\"2.0\"," + HEADER + ",\"event\":" + event + "}";
  }

  private static String validMessage() {
    return message("{" + SENDER + "," + MESSAGE + "}");
  }

  /** Read by the streaming reader, to exactly what the tree reader gives. */
  private EventCallback streamed(String json) {
    EventCallback streamed = parser.readStreaming(utf8(json));
    assertNotNull(streamed, () -> "declined " + json);
    assertEquals(outcome(() -> parser.parseDecryptedTree(utf8(json))), describe(streamed));
    return streamed;
  }

  /** Left to the tree reader, which rejects it: returns the error. */
  private String declinedAndRejected(String json) {
    assertNull(parser.readStreaming(utf8(json)), () -> "streamed " + json);
    return assertThrows(
            MalformedPayloadException.class, () -> parser.parseDecrypted(utf8(json)), json)
        .getMessage();
  }

  /** Left to the tree reader, which accepts it. */
  private Envelope declinedAndAccepted(String json) {
    assertNull(parser.readStreaming(utf8(json)), () -> "streamed " + json);
    Envelope envelope = parser.parseDecrypted(utf8(json));
    assertEquals(outcome(() -> parser.parseDecryptedTree(utf8(json))), describe(envelope));
    return envelope;
  }

  /** Read by both readers, to the same unreadable event: returns its problem. */
  private String streamedUnreadable(String json) {
    EventCallback callback = streamed(json);
    UnreadableEvent unreadable = assertInstanceOf(UnreadableEvent.class, callback.event(), json);
    assertEquals(callback.header().eventType(), unreadable.eventType());
    assertEquals(callback, parser.parseDecryptedTree(utf8(json)));
    assertEquals(callback, parser.parseTree(utf8(json)));
    assertEquals(callback, parser.parse(utf8(json)));
    return unreadable.problem();
  }

  @Test
  void readsMessageEvent_withoutTree() {
    EventCallback callback = streamed(validMessage());
    assertEquals(
        new EventHeader("e1", MessageReceived.EVENT_TYPE, "vt", "cli_1", "tk", "1"),
        callback.header());
    MessageReceived received = assertInstanceOf(MessageReceived.class, callback.event());
    assertEquals(
        new MessageReceived(
            new MessageReceived.Sender("user", "ou_1", "u1", "on_1", "tk"),
            new MessageReceived.Message(
                "om_1",
                null,
                null,
                null,
                "oc_1",
                "group",
                "text",
                "{\"text\":\"/ping\"}",
                List.of(new MessageReceived.Mention("@_user_1", "ou_b", null, null, "B")))),
        received);
    // The tree reader gives an equal record, not only an equal description.
    assertEquals(callback, parser.parseDecryptedTree(utf8(validMessage())));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"im.message.receive_v1-group-mention.json", "im.message.receive_v1-p2p-help.json"})
  void readsMessageFixtures_asTheTreeReaderDoes(String fixture) {
    streamed(new String(event(fixture), java.nio.charset.StandardCharsets.UTF_8));
  }

  private static final String REVERSED_HEADER =
      "\"header\":{\"create_time\":\"1\",\"tenant_key\":\"tk\",\"app_id\":\"cli_1\","
          + "\"token\":\"vt\",\"event_type\":\"im.message.receive_v1\",\"event_id\":\"e1\"}";

  @Test
  void readsFields_inAnyOrder_withTheHeaderBeforeTheEvent() {
    EventCallback reordered =
        streamed(
            "{"
                + REVERSED_HEADER
                + ",\"event\":{"
                + MESSAGE
                + ","
                + SENDER
                + "},\"schema\":\"2.0\"}");
    assertEquals(streamed(validMessage()), reordered);
  }

  @Test
  void leavesAnEventBeforeTheHeader_toTheTreeReader_whichReadsTheSameEvent() {
    // Feishu sends the header first; the other order is legal JSON, so the tree reads it.
    Envelope eventFirst =
        declinedAndAccepted(
            "{\"event\":{"
                + MESSAGE
                + ","
                + SENDER
                + "},"
                + REVERSED_HEADER
                + ",\"schema\":\"2.0\"}");
    assertEquals(streamed(validMessage()), eventFirst);
    Envelope unreadable =
        declinedAndAccepted("{\"event\":{},\"schema\":\"2.0\"," + BOT_ADDED_HEADER + "}");
    assertEquals(
        new UnreadableEvent(BotAddedToChat.EVENT_TYPE, "chat_id missing"),
        ((EventCallback) unreadable).event());
  }

  @Test
  void leavesEventTypesWithoutARecord_toTheTreeReader_whichKeepsTheEventTree() throws Exception {
    String event = "{\"chat_id\":\"oc\",\"message\":42,\"x\":[{\"y\":null}]}";
    EventCallback callback =
        assertInstanceOf(
            EventCallback.class,
            declinedAndAccepted(
                "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"e2\","
                    + "\"event_type\":\"im.chat.updated_v1\"},\"event\":"
                    + event
                    + "}"));
    assertEquals(
        new EventHeader("e2", "im.chat.updated_v1", null, null, null, null), callback.header());
    assertEquals(
        new RawEvent("im.chat.updated_v1", new ObjectMapper().readTree(event)), callback.event());
  }

  @Test
  void readsEscapedNamesAndValues() {
    EventCallback callback =
        streamed(
            message(
                "{\"m\\u0065ssage\":{\"message_id\":\"om_\\u00e9\\ud83d\\ude00\","
                    + "\"message_type\":\"te\\u0078t\",\"content\":\"\\\"\\\\\\n\"}}"));
    MessageReceived.Message message = ((MessageReceived) callback.event()).message();
    assertEquals("om_\u00e9\ud83d\ude00", message.messageId());
    assertEquals("text", message.messageType());
    assertEquals("\"\\\n", message.content());
  }

  @Test
  void ignoresUnknownFields_ofEveryType() {
    String unknown =
        "\"u1\":1,\"u2\":-1.5e300,\"u3\":true,\"u4\":null,\"u5\":[1,[2,{\"a\":{}}]],\"u6\":\"s\"";
    streamed(
        "{"
            + unknown
            + ",\"schema\":\"2.0\","
            + HEADER.replace("\"create_time\"", unknown + ",\"create_time\"")
            + ",\"event\":{"
            + unknown
            + ","
            + SENDER
            + ","
            + MESSAGE.replace("\"chat_id\"", unknown + ",\"chat_id\"")
            + "}}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // root, header, event
        "{\"schema\":\"2.0\",\"schema\":\"2.0\"," + HEADER + ",\"event\":{" + MESSAGE + "}}",
        "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"e\",\"event_id\":\"e\","
            + "\"event_type\":\"im.chat.member.bot.added_v1\"},\"event\":{\"chat_id\":\"oc\"}}",
        "{\"schema\":\"2.0\"," + HEADER + ",\"event\":{" + MESSAGE + "," + MESSAGE + "}}",
        // sender, sender_id, message, mention, mention.id
        "{\"schema\":\"2.0\","
            + HEADER
            + ",\"event\":{\"sender\":{\"sender_type\":\"user\","
            + "\"sender_type\":\"app\"},"
            + MESSAGE
            + "}}",
        "{\"schema\":\"2.0\","
            + HEADER
            + ",\"event\":{\"sender\":{\"sender_id\":{\"open_id\":"
            + "\"a\",\"open_id\":\"b\"}},"
            + MESSAGE
            + "}}",
        "{\"schema\":\"2.0\","
            + HEADER
            + ",\"event\":{\"message\":{\"message_id\":\"a\","
            + "\"message_type\":\"text\",\"message_id\":\"b\"}}}",
        "{\"schema\":\"2.0\","
            + HEADER
            + ",\"event\":{\"message\":{\"message_id\":\"a\","
            + "\"message_type\":\"text\",\"mentions\":[{\"key\":\"k\",\"name\":\"n\",\"key\":\"j\"}]}}}",
        "{\"schema\":\"2.0\","
            + HEADER
            + ",\"event\":{\"message\":{\"message_id\":\"a\","
            + "\"message_type\":\"text\",\"mentions\":[{\"id\":{\"user_id\":null,\"user_id\":1}}]}}}",
        // unknown names, in skipped subtrees at several depths, and the third name repeating one
        "{\"schema\":\"2.0\"," + HEADER + ",\"event\":{" + MESSAGE + ",\"x\":1,\"x\":1}}",
        "{\"schema\":\"2.0\","
            + HEADER
            + ",\"event\":{"
            + MESSAGE
            + ",\"x\":{\"a\":1,\"b\":2,\"a\":3}}}",
        "{\"schema\":\"2.0\","
            + HEADER
            + ",\"event\":{"
            + MESSAGE
            + ",\"x\":[[{\"y\":[{\"z\":{\"d\":1,\"d\":1}}]}]]}}",
        "{\"u\":{\"v\":{\"w\":null,\"w\":null}},\"schema\":\"2.0\","
            + HEADER
            + ",\"event\":{"
            + MESSAGE
            + "}}",
        "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"e\","
            + "\"event_type\":\"im.chat.member.bot.added_v1\",\"x\":{\"q\":[],"
            + "\"q\":[]}},\"event\":{\"chat_id\":\"oc\"}}",
        // skipped fields of the other readers
        "{\"schema\":\"2.0\","
            + BOT_ADDED_HEADER
            + ",\"event\":{\"chat_id\":\"oc\",\"a\":{\"b\":{\"c\":1,\"c\":2}}}}",
        "{\"schema\":\"2.0\","
            + BOT_ADDED_HEADER
            + ",\"event\":{\"chat_id\":\"oc\",\"i18n_names\":{\"zh_cn\":\"a\",\"zh_cn\":\"b\"}}}",
        // the known fields of the other readers
        "{\"schema\":\"2.0\","
            + BOT_ADDED_HEADER
            + ",\"event\":{\"chat_id\":\"oc\",\"chat_id\":\"od\"}}",
        "{\"schema\":\"2.0\","
            + BOT_ADDED_HEADER
            + ",\"event\":{\"chat_id\":\"oc\",\"external\":true,\"name\":\"n\",\"external\":false}}",
        "{\"schema\":\"2.0\","
            + BOT_ADDED_HEADER
            + ",\"event\":{\"chat_id\":\"oc\",\"operator_id\":{\"open_id\":\"a\",\"open_id\":\"b\"}}}",
        "{\"schema\":\"2.0\","
            + CARD_HEADER
            + ",\"event\":{\"operator\":{\"open_id\":\"ou\",\"tenant_key\":\"a\",\"tenant_key\":\"b\"},"
            + "\"action\":{\"value\":{}}}}",
        "{\"schema\":\"2.0\","
            + CARD_HEADER
            + ",\"event\":{\"operator\":{\"open_id\":\"ou\"},\"action\":{\"tag\":\"button\","
            + "\"value\":{},\"tag\":\"input\"}}}",
        "{\"schema\":\"2.0\","
            + CARD_HEADER
            + ",\"event\":{\"operator\":{\"open_id\":\"ou\"},\"action\":{\"value\":{\"action\":"
            + "\"deploy.approve\",\"action\":\"deploy.reject\"}}}}",
        "{\"schema\":\"2.0\","
            + CARD_HEADER
            + ",\"event\":{\"operator\":{\"open_id\":\"ou\"},\"action\":{\"value\":{\"a\":[{\"b\":1,"
            + "\"c\":2,\"b\":3}]}}}}",
        "{\"schema\":\"2.0\","
            + CARD_HEADER
            + ",\"event\":{\"operator\":{\"open_id\":\"ou\"},\"action\":{\"value\":{},"
            + "\"form_value\":{\"f\":[\"x\"],\"f\":\"y\"}}}}",
        "{\"schema\":\"2.0\","
            + CARD_HEADER
            + ",\"event\":{\"operator\":{\"open_id\":\"ou\"},\"action\":{\"value\":{}},"
            + "\"context\":{\"open_chat_id\":\"a\",\"open_chat_id\":\"b\"}}}",
        "{\"schema\":\"2.0\","
            + CARD_HEADER
            + ",\"event\":{\"operator\":{\"open_id\":\"ou\"},\"action\":{\"value\":{}},"
            + "\"token\":\"c-1\",\"host\":\"im_message\",\"token\":\"c-2\"}}",
        // the same name spelled with an escape
        "{\"schema\":\"2.0\"," + HEADER + ",\"event\":{" + MESSAGE + ",\"\\u006dessage\":{}}}",
      })
  void rejectsDuplicateKeys_inEveryObjectAtEveryDepth(String json) {
    assertEquals("not valid JSON", declinedAndRejected(json));
  }

  @Test
  void keepsTheNestingLimit() {
    // Root and event are two levels; the limit counts objects and arrays together.
    int accepted = 0;
    int rejected = 0;
    for (int depth = 55; depth <= 70; depth++) {
      String nested = "[".repeat(depth) + "]".repeat(depth);
      String json = message("{" + MESSAGE + ",\"deep\":" + nested + "}");
      String tree = outcome(() -> parser.parseDecryptedTree(utf8(json)));
      if (tree.startsWith("rejected")) {
        assertEquals("rejected: JSON exceeds parser limits", tree);
        assertEquals("JSON exceeds parser limits", declinedAndRejected(json));
        rejected++;
      } else {
        streamed(json);
        accepted++;
      }
    }
    assertTrue(accepted > 0 && rejected > 0, "the limit lies within the range tried");
  }

  @Test
  void keepsTheStringLimit_byLeavingLongPlaintextsToTheTree() {
    String longString = "\"" + "a".repeat((1 << 20) + 1) + "\"";
    assertEquals(
        "JSON exceeds parser limits",
        declinedAndRejected(message("{" + MESSAGE + ",\"x\":" + longString + "}")));
    // Just under the limit the streaming reader reads it, skipped strings included.
    streamed(message("{" + MESSAGE + ",\"x\":\"" + "a".repeat((1 << 20) - 400) + "\"}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {" {}", "]", "}", "x", " {\"a\":1}", "\u0000", "[]", "1", "\"s\""})
  void rejectsTrailingTokens(String tail) {
    assertEquals("not valid JSON", declinedAndRejected(validMessage() + tail));
  }

  @Test
  void acceptsTrailingWhitespace() {
    streamed(validMessage() + " \r\n\t");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"x\"", "42", "null", "true"})
  void rejectsNonObjectRoots(String json) {
    assertEquals("not a JSON object", declinedAndRejected(json));
  }

  @Test
  void rejectsNonObjectRoot_wrappingAValidEvent() {
    assertEquals("not a JSON object", declinedAndRejected("[" + validMessage() + "]"));
  }

  @Test
  void rejectsWrongTypesOfEnvelopeFields_withTheTreeReadersMessages() {
    assertEquals(
        "header.event_id is not a string",
        declinedAndRejected(validMessage().replace("\"event_id\":\"e1\"", "\"event_id\":1")));
    assertEquals(
        "header.event_type is not a string",
        declinedAndRejected(
            validMessage()
                .replace("\"event_type\":\"im.message.receive_v1\"", "\"event_type\":[]")));
    assertEquals(
        "header.token is not a string",
        declinedAndRejected(validMessage().replace("\"token\":\"vt\"", "\"token\":{}")));
    assertEquals(
        "header.create_time is not a string",
        declinedAndRejected(validMessage().replace("\"create_time\":\"1\"", "\"create_time\":1")));
    assertEquals(
        "header.event_id missing",
        declinedAndRejected(validMessage().replace("\"event_id\":\"e1\"", "\"event_id\":\" \"")));
    assertEquals(
        "schema is not a string",
        declinedAndRejected(validMessage().replace("\"schema\":\"2.0\"", "\"schema\":2")));
    assertEquals(
        "schema missing",
        declinedAndRejected(validMessage().replace("\"schema\":\"2.0\"", "\"schema\":\"\"")));
    assertEquals(
        "type is not a string",
        declinedAndRejected(validMessage().replace("\"schema\"", "\"type\":5,\"schema\"")));
    assertEquals(
        "header is not an object",
        declinedAndRejected("{\"schema\":\"2.0\",\"header\":[],\"event\":{}}"));
    assertEquals(
        "header missing", declinedAndRejected("{\"schema\":\"2.0\",\"header\":null,\"event\":{}}"));
  }

  @Test
  void leavesAnEventThatIsNoObject_toTheTreeReader_whichFindsItUnreadable() {
    for (String event : new String[] {"\"x\"", "[]", "1", "true"}) {
      assertEquals(
          new UnreadableEvent(MessageReceived.EVENT_TYPE, "event is not an object"),
          ((EventCallback)
                  declinedAndAccepted(
                      "{\"schema\":\"2.0\"," + HEADER + ",\"event\":" + event + "}"))
              .event());
    }
    assertEquals(
        new UnreadableEvent(MessageReceived.EVENT_TYPE, "event missing"),
        ((EventCallback) declinedAndAccepted("{\"schema\":\"2.0\"," + HEADER + "}")).event());
    assertEquals(
        new UnreadableEvent(MessageReceived.EVENT_TYPE, "event missing"),
        ((EventCallback) declinedAndAccepted("{\"schema\":\"2.0\"," + HEADER + ",\"event\":null}"))
            .event());
  }

  static Stream<Arguments> malformedMessages() {
    return Stream.of(
        arguments("{\"sender\":[]," + MESSAGE + "}", "sender is not an object"),
        arguments(
            "{\"sender\":{\"sender_id\":\"x\"}," + MESSAGE + "}",
            "sender.sender_id is not an object"),
        arguments(
            "{\"sender\":{\"sender_type\":1}," + MESSAGE + "}",
            "sender.sender_type is not a string"),
        arguments(
            "{\"sender\":{\"sender_id\":{\"open_id\":true}}," + MESSAGE + "}",
            "sender.sender_id.open_id is not a string"),
        arguments("{\"message\":null}", "message missing"),
        arguments("{\"message\":[]}", "message is not an object"),
        arguments("{}", "message missing"),
        arguments("{" + SENDER + "}", "message missing"),
        arguments("{\"message\":{\"message_type\":\"text\"}}", "message.message_id missing"),
        arguments(
            "{\"message\":{\"message_id\":\" \",\"message_type\":\"text\"}}",
            "message.message_id missing"),
        arguments(
            "{\"message\":{\"message_id\":\"a\",\"message_type\":\" \"}}",
            "message.message_type missing"),
        arguments(
            "{\"message\":{\"message_id\":1,\"message_type\":\"text\"}}",
            "message.message_id is not a string"),
        arguments(
            "{\"message\":{\"message_id\":\"a\",\"message_type\":\"text\",\"chat_id\":[\"oc\"]}}",
            "message.chat_id is not a string"),
        arguments(
            "{\"message\":{\"message_id\":\"a\",\"message_type\":\"text\",\"content\":{}}}",
            "message.content is not a string"),
        arguments(
            "{\"message\":{\"message_id\":\"a\",\"message_type\":\"text\",\"mentions\":{}}}",
            "message.mentions is not an array"),
        arguments(
            "{\"message\":{\"message_id\":\"a\",\"message_type\":\"text\",\"mentions\":[1]}}",
            "message.mentions entry is not an object"),
        arguments(
            "{\"message\":{\"message_id\":\"a\",\"message_type\":\"text\",\"mentions\":[{\"id\":[]}]}}",
            "mention.id is not an object"),
        arguments(
            "{\"message\":{\"message_id\":\"a\",\"message_type\":\"text\",\"mentions\":[{\"name\":2}]}}",
            "mention.name is not a string"),
        // The first problem in document order is the one named.
        arguments(
            "{\"message\":{\"content\":1,\"message_id\":2,\"message_type\":\"text\"}}",
            "message.content is not a string"),
        arguments(
            "{\"message\":{\"message_id\":2,\"content\":1,\"message_type\":\"text\"}}",
            "message.message_id is not a string"));
  }

  @ParameterizedTest
  @MethodSource("malformedMessages")
  void readsMalformedMessages_asUnreadable_onBothPaths(String event, String problem) {
    // The envelope is fine, so the streaming reader answers; the event is unreadable on both paths.
    assertEquals(problem, streamedUnreadable(message(event)));
    // MessageReceived.from names the same problem.
    MalformedPayloadException e =
        assertThrows(
            MalformedPayloadException.class,
            () -> MessageReceived.from(new ObjectMapper().readTree(event)));
    assertEquals(problem, e.getMessage());
  }

  @Test
  void readsMentionsLackingFields_asMentions() {
    EventCallback callback =
        streamed(
            message(
                "{\"message\":{\"message_id\":\"a\",\"message_type\":\"text\","
                    + "\"mentions\":[{},{\"key\":\"@_user_1\"},{\"id\":{}},{\"id\":null,\"name\":null},"
                    + "{\"id\":{\"user_id\":\"u\"}}]}}"));
    assertEquals(
        List.of(
            new MessageReceived.Mention(null, null, null, null, null),
            new MessageReceived.Mention("@_user_1", null, null, null, null),
            new MessageReceived.Mention(null, null, null, null, null),
            new MessageReceived.Mention(null, null, null, null, null),
            new MessageReceived.Mention(null, null, "u", null, null)),
        ((MessageReceived) callback.event()).message().mentions());
  }

  @Test
  void leavesChallengesAndSchemaV1_toTheTreeReader() {
    assertEquals(
        new UrlVerification("c", "vt"),
        declinedAndAccepted(
            "{\"schema\":\"2.0\","
                + HEADER
                + ",\"event\":{},\"challenge\":\"c\",\"token\":\"vt\",\"type\":\"url_verification\"}"));
    EventCallback v1 =
        assertInstanceOf(
            EventCallback.class,
            declinedAndAccepted(
                "{\"uuid\":\"u\",\"type\":\"event_callback\",\"schema\":null,"
                    + "\"event\":{\"type\":\"app_ticket\"}}"));
    assertEquals(Schema.V1, v1.schema());
    assertEquals(
        Schema.V2,
        streamed(
                validMessage()
                    .replace(
                        "\"schema\":\"2.0\"", "\"type\":\"event_callback\",\"schema\":\"1.0\""))
            .schema());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"QUJD\"", "null", "{}", "\"\""})
  void rejectsNestedEncryption_wherever_it_sits(String value) {
    String last =
        validMessage().substring(0, validMessage().length() - 1) + ",\"encrypt\":" + value + "}";
    assertEquals("nested encryption", declinedAndRejected(last));
    assertEquals(
        "nested encryption",
        declinedAndRejected("{\"encrypt\":" + value + "," + validMessage().substring(1)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"@", "\\u0041@", "ab\\n@cd"})
  void decodesSkippedStrings_soBadUtf8AndEscapesFailAsInTheTree(String skipped) {
    // After an escape Jackson decodes through a slower path with checks of its own.
    String json = message("{" + MESSAGE + ",\"x\":\"" + skipped + "\"}");
    byte[] bytes = utf8(json);
    int at = json.indexOf('@', json.indexOf("\"x\":"));
    byte[][] strays = {
      {(byte) 0xFF},
      {(byte) 0xC3, 'a'},
      {(byte) 0xE2, (byte) 0x82},
      {(byte) 0xC0, (byte) 0xAF},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
      {0x01},
      {'\\', 'q'},
      {'\\', 'u', '1', 'G', '3', '4'},
      {'\\', 'x', '4', '1'},
    };
    int rejected = 0;
    for (byte[] stray : strays) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(bytes, 0, at);
      out.write(stray, 0, stray.length);
      out.write(bytes, at + 1, bytes.length - at - 1);
      byte[] bad = out.toByteArray();
      String tree = outcome(() -> parser.parseDecryptedTree(bad));
      assertEquals(tree, outcome(() -> parser.parseDecrypted(bad)));
      if (tree.startsWith("rejected")) {
        assertEquals("rejected: not valid JSON", tree);
        assertNull(parser.readStreaming(bad), () -> "streamed stray " + Arrays.toString(stray));
        rejected++;
      }
    }
    assertTrue(rejected >= 6, "most strays are invalid");
  }

  @Test
  void leavesObjectsWithManyNames_toTheTreeReader() {
    StringBuilder many = new StringBuilder("{");
    for (int i = 0; i <= JsonCursor.MAX_NAMES_PER_OBJECT; i++) {
      many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
    }
    many.append('}');
    declinedAndAccepted(message("{" + MESSAGE + ",\"x\":" + many + "}"));
    String duplicateAtTheEnd = many.substring(0, many.length() - 1) + ",\"k3\":0}";
    assertEquals(
        "not valid JSON",
        declinedAndRejected(message("{" + MESSAGE + ",\"x\":" + duplicateAtTheEnd + "}")));
  }
}
