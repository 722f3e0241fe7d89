package io.feishubot.feishu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

  @Test
  void encryptedChallengeFixture_carriesVectorA2() {
    assertArrayEquals(
        Fixtures.utf8("{\"encrypt\":\"" + Fixtures.A2_ENCRYPT + "\"}"),
        Fixtures.event("url_verification-encrypted.json"));
  }
}
