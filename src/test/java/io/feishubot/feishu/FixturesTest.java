package io.feishubot.feishu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Guards the fixture files against editors that add newlines or reformat: signatures break. */
class FixturesTest {

  @Test
  void encryptedEventFixture_isTheExact462ByteBodyOfVectorB() {
    byte[] body = Fixtures.event("im.message.receive_v1-p2p-help-encrypted.json");
    assertEquals(462, body.length);
    assertArrayEquals(Fixtures.encryptedA1Body(), body);
  }

  @Test
  void plainEventFixture_isTheExact311BytePlaintextOfVectorA1() {
    byte[] body = Fixtures.event("im.message.receive_v1-p2p-help.json");
    assertEquals(311, body.length);
    assertArrayEquals(Fixtures.utf8(Fixtures.A1_PLAINTEXT), body);
  }

  @Test
  void cardFixture_isTheExact215ByteBodyOfVectorBPrime() {
    assertEquals(215, Fixtures.event("card.action.trigger_v1-button.json").length);
  }

  /**
   * Every fixture named after an event type ({@code <type>-<case>.json}) is a delivery of that
   * type, which the parser reads into the type's record.
   */
  @Test
  void fixturesNamedAfterAnEventType_areDeliveriesOfThatType() throws Exception {
    List<String> names;
    try (Stream<Path> files =
        Files.list(Path.of(FixturesTest.class.getResource("/events").toURI()))) {
      names = files.map(file -> file.getFileName().toString()).sorted().toList();
    }
    EnvelopeParser parser = new EnvelopeParser();
    int typed = 0;
    for (String name : names) {
      String eventType = name.substring(0, name.indexOf('-'));
      Class<? extends FeishuEvent> record = FeishuEvent.recordOf(eventType);
      if (record == RawEvent.class || name.contains("encrypted")) {
        continue;
      }
      EventCallback callback =
          assertInstanceOf(EventCallback.class, parser.parse(Fixtures.event(name)), name);
      assertEquals(eventType, callback.header().eventType(), name);
      assertInstanceOf(record, callback.event(), name);
      typed++;
    }
    assertTrue(typed >= 5, "fixtures of types with a record: " + names);
  }

  @Test
  void encryptedChallengeFixture_carriesVectorA2() {
    assertArrayEquals(
        Fixtures.utf8("{\"encrypt\":\"" + Fixtures.A2_ENCRYPT + "\"}"),
        Fixtures.event("url_verification-encrypted.json"));
  }
}
