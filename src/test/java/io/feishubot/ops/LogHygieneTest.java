package io.feishubot.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.feishubot.outbound.TenantAccessTokens;
import io.feishubot.testsupport.BotEndpoint;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.FeishuDelivery;
import io.feishubot.testsupport.LogCapture;
import io.feishubot.testsupport.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing secret and no message text reaches a log line at INFO or above: every record of a run of
 * signed and encrypted deliveries, replies, a token fetch, a failed reply and rejections is
 * captured, formatted with its parameters, MDC and stack trace, and searched.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
class LogHygieneTest {

  /** A message text nobody would log by accident; it must never show up. */
  private static final String BODY_MARKER = "confidential-7f3a9c";

  @Inject TenantAccessTokens tokens;

  private LogCapture capture;

  @BeforeEach
  void listen() {
    capture = LogCapture.start();
  }

  @AfterEach
  void stopListening() {
    capture.close();
  }

  @Test
  void noSecretOrMessageBody_inAnyLogLine() {
    // Forget the cached token so this run includes a token fetch (with the app secret).
    tokens.invalidate(TestKeys.TENANT_TOKEN);

    List<String> bodies = new ArrayList<>();
    Events.MessageEvent ping = Events.message("/ping " + BODY_MARKER);
    bodies.add(deliver(FeishuDelivery.of(ping.json()).build(), 200));
    // A redelivery, a p2p help request, an unknown command and a plaintext (signed) one.
    bodies.add(deliver(FeishuDelivery.of(ping.json()).build(), 200));
    bodies.add(
        deliver(
            FeishuDelivery.of(Events.message("help " + BODY_MARKER).p2p().json()).build(), 200));
    bodies.add(
        deliver(FeishuDelivery.of(Events.message("/nope " + BODY_MARKER).json()).build(), 200));
    bodies.add(
        deliver(
            FeishuDelivery.of(Events.message("/ping " + BODY_MARKER).json()).plaintext().build(),
            200));
    // Rejections: forged signature, forged token.
    bodies.add(
        deliver(
            FeishuDelivery.of(Events.message("/ping " + BODY_MARKER).json())
                .signature("0".repeat(64))
                .build(),
            401));
    bodies.add(
        deliver(
            FeishuDelivery.of(Events.message("/ping " + BODY_MARKER).token("forged").json())
                .build(),
            401));
    // A reply that fails on the Open API side.
    Events.MessageEvent failing = Events.message("/ping " + BODY_MARKER);
    var outage =
        FakeFeishuOpenApi.server()
            .stubFor(
                WireMock.post(
                        urlEqualTo("/open-apis/im/v1/messages/" + failing.messageId() + "/reply"))
                    .atPriority(1)
                    .willReturn(
                        FakeFeishuOpenApi.json(500, "{\"code\":1,\"msg\":\"internal error\"}")));
    try {
      bodies.add(deliver(FeishuDelivery.of(failing.json()).build(), 503));
    } finally {
      FakeFeishuOpenApi.server().removeStub(outage);
    }

    List<String> lines = capture.lines();
    assertThat(lines)
        .as("the capture sees the token fetch and the event outcomes")
        .anyMatch(line -> line.contains("fetched a tenant access token"))
        .anyMatch(line -> line.contains(ping.eventId()) && line.contains("accepted"));

    List<String> forbidden =
        new ArrayList<>(
            List.of(
                TestKeys.APP_SECRET,
                TestKeys.ENCRYPT_KEY,
                TestKeys.VERIFICATION_TOKEN,
                TestKeys.TENANT_TOKEN,
                BODY_MARKER));
    for (String body : bodies) {
      // The ciphertext, or a recognisable piece of it, is a message body too.
      forbidden.add(body.length() > 48 ? body.substring(12, 48) : body);
    }
    for (String line : lines) {
      for (String secret : forbidden) {
        assertThat(line).as("a log line").doesNotContain(secret);
      }
    }
  }

  private static String deliver(FeishuDelivery delivery, int status) {
    BotEndpoint.send(delivery).then().statusCode(status);
    return delivery.bodyText();
  }
}
