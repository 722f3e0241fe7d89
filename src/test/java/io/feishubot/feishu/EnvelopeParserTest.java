package io.feishubot.feishu;

import static io.feishubot.feishu.Fixtures.A1_ENCRYPT;
import static io.feishubot.feishu.Fixtures.A2_ENCRYPT;
import static io.feishubot.feishu.Fixtures.TEST_KEY;
import static io.feishubot.feishu.Fixtures.event;
import static io.feishubot.feishu.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeParserTest {

  private final EnvelopeParser parser = new EnvelopeParser();

  private String malformed(String json) {
    return assertThrows(MalformedPayloadException.class, () -> parser.parse(utf8(json)))
        .getMessage();
  }

  @Test
  void parsesChallenge_fromPlainBody() {
    Envelope envelope = parser.parse(event("url_verification-plain.json"));
    assertEquals(new UrlVerification("ajls384kdjx98XX", "vtoken123"), envelope);
  }

  @Test
  void parsesChallenge_withoutToken() {
    assertEquals(
        new UrlVerification("c1", null),
        parser.parse(utf8("{\"challenge\":\"c1\",\"type\":\"url_verification\"}")));
  }

  @Test
  void parsesChallenge_afterDecryptingVectorA2() {
    Envelope outer = parser.parse(event("url_verification-encrypted.json"));
    EncryptedEnvelope encrypted = assertInstanceOf(EncryptedEnvelope.class, outer);
    assertEquals(A2_ENCRYPT, encrypted.encrypt());

    byte[] plaintext = new EventCipher(TEST_KEY).decrypt(encrypted.encrypt());
    assertEquals(
        new UrlVerification("ajls384kdjx98XX", "vtoken123"), parser.parseDecrypted(plaintext));
  }

  @Test
  void rejectsChallenge_whenChallengeEmptyOrNotString() {
    assertEquals(
        "challenge missing", malformed("{\"challenge\":\"\",\"type\":\"url_verification\"}"));
    assertEquals("challenge missing", malformed("{\"type\":\"url_verification\"}"));
    assertEquals(
        "challenge is not a string", malformed("{\"challenge\":42,\"type\":\"url_verification\"}"));
  }

  @Test
  void parsesEncryptedOuterBody() {
    assertEquals(
        new EncryptedEnvelope(A1_ENCRYPT),
        parser.parse(event("im.message.receive_v1-p2p-help-encrypted.json")));
  }

  @Test
  void rejectsEncrypt_whenNotAString() {
    assertEquals("encrypt is not a string", malformed("{\"encrypt\":123}"));
  }

  @Test
  void rejectsEncrypt_whenNullEmptyOrBlank() {
    assertEquals("encrypt missing", malformed("{\"encrypt\":null}"));
    assertEquals("encrypt missing", malformed("{\"encrypt\":\"\"}"));
    assertEquals("encrypt missing", malformed("{\"encrypt\":\" \"}"));
  }

  @Test
  void rejectsEncrypt_whenAnObjectOrArray() {
    assertEquals("encrypt is not a string", malformed("{\"encrypt\":[\"QUJD\"]}"));
    assertEquals("encrypt is not a string", malformed("{\"encrypt\":{\"encrypt\":\"QUJD\"}}"));
  }

  @Test
  void parsesEncryptedOuterBody_withFieldsBesideEncrypt() {
    // As the SDKs do: an encrypt field wins over whatever else the body claims to be.
    assertEquals(
        new EncryptedEnvelope("QUJD"),
        parser.parse(
            utf8("{\"type\":\"url_verification\",\"challenge\":\"c\",\"encrypt\":\"QUJD\"}")));
    assertEquals(
        new EncryptedEnvelope("QUJD"),
        parser.parse(utf8("{\"encrypt\":\"QUJD\",\"schema\":\"2.0\"}")));
  }

  @Test
  void parsesEncryptedOuterBody_withEscapesAndWhitespace() {
    assertEquals(
        new EncryptedEnvelope("QUJD"),
        parser.parse(utf8("\n{ \"\\u0065ncrypt\" :\t\"QU\\u004aD\" }\r\n")));
  }

  @Test
  void rejects_whenFieldBesideEncryptNestedDeeperThanLimit() {
    String deep = "{\"encrypt\":\"QUJD\",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}";
    assertEquals("JSON exceeds parser limits", malformed(deep));
  }

  @Test
  void rejects_whenEncryptKeyDuplicatedWithWhitespaceOrEscapes() {
    assertEquals(
        "not valid JSON", malformed("{ \"encrypt\" : \"QUJD\" , \"encrypt\" : \"QUJD\" }"));
    assertEquals("not valid JSON", malformed("{\"encrypt\":\"QUJD\",\"\\u0065ncrypt\":\"QUJD\"}"));
  }

  @Test
  void parsesSchemaV2Event_fromVectorA1Plaintext() {
    EventCallback callback =
        assertInstanceOf(
            EventCallback.class,
            parser.parseDecrypted(event("im.message.receive_v1-p2p-help.json")));
    assertEquals(Schema.V2, callback.schema());
    assertEquals(
        new EventHeader(
            "evt_0001",
            "im.message.receive_v1",
            "vtoken123",
            "cli_test",
            "tk_test",
            "1700000000000"),
        callback.header());
    MessageReceived received = assertInstanceOf(MessageReceived.class, callback.event());
    assertEquals("om_1", received.message().messageId());
    assertEquals("oc_1", received.message().chatId());
  }

  @Test
  void parsesSchemaV2Event_afterDecryptingVectorA1() {
    EncryptedEnvelope outer =
        assertInstanceOf(
            EncryptedEnvelope.class,
            parser.parse(event("im.message.receive_v1-p2p-help-encrypted.json")));
    Envelope inner = parser.parseDecrypted(new EventCipher(TEST_KEY).decrypt(outer.encrypt()));
    EventCallback callback = assertInstanceOf(EventCallback.class, inner);
    assertEquals("evt_0001", callback.header().eventId());
    assertEquals(parser.parse(event("im.message.receive_v1-p2p-help.json")), callback);
  }

  @Test
  void parsesSchemaV2Event_withOnlyRequiredHeaderFields() {
    EventCallback callback =
        assertInstanceOf(
            EventCallback.class,
            parser.parse(
                utf8(
                    "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"e\",\"event_type\":\"t\","
                        + "\"token\":null},\"event\":{}}")));
    assertEquals(new EventHeader("e", "t", null, null, null, null), callback.header());
    assertEquals(new RawEvent("t", JsonNodeFactory.instance.objectNode()), callback.event());
  }

  @Test
  void parsesSchemaV1Event_fromAppTicketSample() {
    EventCallback callback =
        assertInstanceOf(
            EventCallback.class, parser.parse(event("event_callback-v1-app_ticket.json")));
    assertEquals(Schema.V1, callback.schema());
    assertEquals(
        new EventHeader(
            "bc447199585340d1f3728d26b1c0297a",
            "app_ticket",
            "41a9425ea7df4536a7623e38fa321bae",
            "cli_xxx",
            null,
            "1502199207.7171419"),
        callback.header());
    // A 1.0 type without a record: the whole event object, type included.
    RawEvent raw = assertInstanceOf(RawEvent.class, callback.event());
    assertEquals("app_ticket", raw.eventType());
    assertEquals("xxx", raw.event().path("app_ticket").asText());
    assertEquals("app_ticket", raw.event().path("type").asText());
  }

  @Test
  void rejectsSchemaV1Event_whenUuidOrTypeMissing() {
    assertEquals(
        "uuid missing",
        malformed("{\"type\":\"event_callback\",\"event\":{\"type\":\"app_ticket\"}}"));
    assertEquals(
        "event.type missing",
        malformed("{\"type\":\"event_callback\",\"uuid\":\"u\",\"event\":{}}"));
    assertEquals("event missing", malformed("{\"type\":\"event_callback\",\"uuid\":\"u\"}"));
  }

  @Test
  void rejectsNestedEncryption_afterDecrypt() {
    byte[] plaintext = event("im.message.receive_v1-p2p-help-encrypted.json");
    MalformedPayloadException e =
        assertThrows(MalformedPayloadException.class, () -> parser.parseDecrypted(plaintext));
    assertEquals("nested encryption", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello", "{\"a\":", "{'a':1}", "{\"a\":1,}", "\u00ff\u00fe"})
  void rejects_whenNotJson(String body) {
    assertEquals("not valid JSON", malformed(body));
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "[{\"encrypt\":\"x\"}]", "\"encrypt\"", "42", "null", "true"})
  void rejects_whenJsonButNotAnObject(String body) {
    assertEquals("not a JSON object", malformed(body));
  }

  @Test
  void rejects_whenEmptyOrNull() {
    assertThrows(MalformedPayloadException.class, () -> parser.parse(new byte[0]));
    assertThrows(MalformedPayloadException.class, () -> parser.parse(null));
    assertThrows(MalformedPayloadException.class, () -> parser.parse(utf8("   ")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"encrypt\":\"x\"} {}",
        "{\"encrypt\":\"x\"}]",
        "{\"encrypt\":\"x\"}x",
        "{\"encrypt\":\"QUJD\"}}",
        "{\"encrypt\":\"QUJD\"} {\"encrypt\":\"QUJD\"}",
        "{\"encrypt\":\"QUJD\"}\f"
      })
  void rejects_whenTrailingGarbage(String body) {
    assertEquals("not valid JSON", malformed(body));
  }

  @Test
  void accepts_trailingWhitespace() {
    assertInstanceOf(EncryptedEnvelope.class, parser.parse(utf8("{\"encrypt\":\"x\"}\n")));
  }

  @Test
  void rejects_whenTopLevelKeyDuplicated() {
    assertEquals("not valid JSON", malformed("{\"encrypt\":\"a\",\"encrypt\":\"b\"}"));
  }

  @Test
  void rejects_whenNestedKeyDuplicated() {
    assertEquals(
        "not valid JSON",
        malformed(
            "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"a\",\"event_id\":\"b\","
                + "\"event_type\":\"t\"},\"event\":{}}"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"message\":{\"message_id\":\"om_1\",\"message_id\":\"om_2\"}}",
        "{\"chat_id\":\"oc_1\",\"chat_id\":\"oc_2\"}",
        "{\"operator_id\":{\"open_id\":\"a\",\"open_id\":\"b\"}}",
        "{\"action\":{\"value\":{\"action\":\"a\",\"action\":\"b\"}}}",
        "{\"action\":{\"form_value\":{\"f\":{\"g\":1,\"g\":2}}}}",
        "{\"message\":{\"mentions\":[{\"key\":\"@_user_1\",\"key\":\"@_user_2\"}]}}",
        "{\"sender\":{\"sender_id\":{\"open_id\":\"a\",\"open_id\":null}}}",
        "{\"a\":null,\"a\":null}",
        "{\"a\":{},\"a\":[]}",
        "{\"a\":[[[{\"b\":1,\"c\":{\"d\":2,\"d\":3}}]]]}",
      })
  void rejectsDecrypted_whenKeyDuplicatedAnywhereInEvent(String event) {
    // Whichever reader the type has, and for types without one.
    for (String eventType :
        new String[] {
          "t",
          MessageReceived.EVENT_TYPE,
          BotAddedToChat.EVENT_TYPE,
          BotRemovedFromChat.EVENT_TYPE,
          CardActionTriggered.EVENT_TYPE
        }) {
      byte[] plaintext =
          utf8(
              "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"e\",\"event_type\":\""
                  + eventType
                  + "\"},\"event\":"
                  + event
                  + "}");
      MalformedPayloadException e =
          assertThrows(MalformedPayloadException.class, () -> parser.parseDecrypted(plaintext));
      assertEquals("not valid JSON", e.getMessage());
    }
  }

  @Test
  void rejectsDecrypted_whenTopLevelOrHeaderKeyDuplicated() {
    for (String plaintext :
        new String[] {
          "{\"schema\":\"2.0\",\"schema\":\"2.0\",\"header\":{\"event_id\":\"e\","
              + "\"event_type\":\"t\"},\"event\":{}}",
          "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"e\",\"event_type\":\"t\","
              + "\"token\":\"a\",\"token\":\"b\"},\"event\":{}}",
          "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"e\",\"event_type\":\"t\"},"
              + "\"event\":{},\"event\":{}}"
        }) {
      MalformedPayloadException e =
          assertThrows(
              MalformedPayloadException.class, () -> parser.parseDecrypted(utf8(plaintext)));
      assertEquals("not valid JSON", e.getMessage());
    }
  }

  @Test
  void rejects_whenNestedDeeperThanLimit() {
    String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
    assertEquals("JSON exceeds parser limits", malformed(deep));
  }

  @Test
  void accepts_realisticNestingDepth() {
    String deep =
        "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"e\",\"event_type\":\"t\"},\"event\":"
            + "{\"a\":".repeat(40)
            + "1"
            + "}".repeat(40)
            + "}";
    assertInstanceOf(EventCallback.class, parser.parse(utf8(deep)));
  }

  @Test
  void rejects_whenStringLongerThanOneMebibyte() {
    String huge = "{\"encrypt\":\"" + "A".repeat((1 << 20) + 4) + "\"}";
    assertEquals("JSON exceeds parser limits", malformed(huge));
  }

  @Test
  void rejects_whenEventIdMissing() {
    assertEquals(
        "header.event_id missing",
        malformed("{\"schema\":\"2.0\",\"header\":{\"event_type\":\"t\"},\"event\":{}}"));
  }

  @Test
  void rejects_whenEventIdBlank() {
    assertEquals(
        "header.event_id missing",
        malformed(
            "{\"schema\":\"2.0\",\"header\":{\"event_id\":\" \",\"event_type\":\"t\"},"
                + "\"event\":{}}"));
  }

  @Test
  void rejects_whenEventIdIsANumber() {
    assertEquals(
        "header.event_id is not a string",
        malformed(
            "{\"schema\":\"2.0\",\"header\":{\"event_id\":1,\"event_type\":\"t\"},\"event\":{}}"));
  }

  @Test
  void rejects_whenOptionalHeaderFieldHasWrongType() {
    assertEquals(
        "header.create_time is not a string",
        malformed(
            "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"e\",\"event_type\":\"t\","
                + "\"create_time\":1700000000000},\"event\":{}}"));
  }

  @Test
  void rejects_whenHeaderNotAnObject() {
    assertEquals("header missing", malformed("{\"schema\":\"2.0\",\"event\":{}}"));
    assertEquals(
        "header is not an object", malformed("{\"schema\":\"2.0\",\"header\":[],\"event\":{}}"));
  }

  /**
   * The header is authentic and names the event, so it is acknowledged and counted, not refused.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "t",
        "im.message.reaction.created_v1",
        "im.message.receive_v1",
        "im.chat.member.bot.added_v1",
        "card.action.trigger"
      })
  void readsSchemaV2EventMissingOrNotAnObject_asUnreadable(String eventType) {
    String header =
        "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"e\",\"event_type\":\"" + eventType + "\"}";
    assertEquals(new UnreadableEvent(eventType, "event missing"), eventOf(header + "}"));
    assertEquals(
        new UnreadableEvent(eventType, "event missing"), eventOf(header + ",\"event\":null}"));
    for (String notAnObject : new String[] {"\"x\"", "[]", "[{}]", "0", "false"}) {
      assertEquals(
          new UnreadableEvent(eventType, "event is not an object"),
          eventOf(header + ",\"event\":" + notAnObject + "}"));
    }
  }

  /** The event of {@code json}, the same through every entry point. */
  private FeishuEvent eventOf(String json) {
    EventCallback callback = assertInstanceOf(EventCallback.class, parser.parse(utf8(json)));
    assertEquals(callback, parser.parseDecrypted(utf8(json)));
    assertEquals(callback, parser.parseTree(utf8(json)));
    return callback.event();
  }

  @Test
  void readsKnownEventTypes_intoTheirRecords_andOthersAsRawEvents() {
    assertInstanceOf(
        BotAddedToChat.class, eventOfFixture("im.chat.member.bot.added_v1-group.json"));
    assertInstanceOf(
        BotRemovedFromChat.class, eventOfFixture("im.chat.member.bot.deleted_v1-group.json"));
    assertInstanceOf(CardActionTriggered.class, eventOfFixture("card.action.trigger-button.json"));
    assertInstanceOf(
        MessageReceived.class, eventOfFixture("im.message.receive_v1-group-mention.json"));
    assertInstanceOf(RawEvent.class, eventOfFixture("event_callback-v1-app_ticket.json"));
  }

  private FeishuEvent eventOfFixture(String fixture) {
    return eventOf(new String(event(fixture), java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void rejectsSchemaV1Event_whenEventNotAnObject() {
    // 1.0 keeps its type inside the event: without the object there is no header to count.
    assertEquals(
        "event is not an object",
        malformed("{\"type\":\"event_callback\",\"uuid\":\"u\",\"event\":[]}"));
    assertEquals(
        "event missing", malformed("{\"type\":\"event_callback\",\"uuid\":\"u\",\"event\":null}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"type\":\"something_else\"}", "{\"challenge\":\"c\"}"})
  void rejects_whenEnvelopeUnrecognised(String body) {
    assertEquals("unrecognised envelope", malformed(body));
  }

  @Test
  void errorMessages_neverEchoPayload() {
    String message = malformed("{\"secret-looking-token\" oops}");
    assertFalse(message.contains("secret"));
    assertNull(
        assertThrows(
                MalformedPayloadException.class,
                () -> parser.parse(utf8("{\"secret-looking-token\" oops}")))
            .getCause());
  }
}
