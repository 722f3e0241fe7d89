package io.feishubot.http;

import static io.feishubot.testsupport.BotEndpoint.onlyReplyTo;
import static io.feishubot.testsupport.BotEndpoint.repliesTo;
import static io.feishubot.testsupport.BotEndpoint.replyText;
import static io.feishubot.testsupport.BotEndpoint.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.FeishuDelivery;
import io.feishubot.testsupport.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An app configured without an Encrypt Key: Feishu sends plaintext, unsigned deliveries, and the
 * verification token inside is the only proof of origin.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
@TestProfile(TokenOnlyModeTest.NoEncryptKey.class)
class TokenOnlyModeTest {

  /** The resource's settings, minus the Encrypt Key. */
  public static class NoEncryptKey implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("feishu.encrypt-key", "");
    }
  }

  @Test
  void plaintextEventWithTheRightToken_runsTheCommand() {
    Events.MessageEvent event = Events.message("/ping");
    send(FeishuDelivery.of(event.json()).plaintext().unsigned().build()).then().statusCode(200);
    assertThat(replyText(onlyReplyTo(event.messageId()))).isEqualTo("pong");
  }

  @Test
  void plaintextChallenge_isAnswered() {
    send(FeishuDelivery.of(Events.challenge("c-1", TestKeys.VERIFICATION_TOKEN))
            .plaintext()
            .unsigned()
            .build())
        .then()
        .statusCode(200)
        .body("challenge", equalTo("c-1"));
  }

  @Test
  void forgedToken_isRejected() {
    Events.MessageEvent event = Events.message("/ping").token("guess");
    send(FeishuDelivery.of(event.json()).plaintext().unsigned().build()).then().statusCode(401);
    assertThat(repliesTo(event.messageId())).isEmpty();
  }

  @Test
  void encryptedDelivery_isRefusedAsMisconfiguration() {
    Events.MessageEvent event = Events.message("/ping");
    send(FeishuDelivery.of(event.json()).build())
        .then()
        .statusCode(400)
        .body(equalTo("{\"error\":\"malformed request\"}"));
    assertThat(repliesTo(event.messageId())).isEmpty();
  }
}
