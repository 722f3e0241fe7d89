package io.feishubot.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.feishubot.testsupport.BotEndpoint;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FeishuDelivery;
import io.feishubot.testsupport.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Without app credentials (as in {@code quarkus dev} out of the box) the bot still verifies,
 * decrypts and routes, but its replies become log lines instead of Open API calls.
 */
@QuarkusTest
@TestProfile(DryRunTest.NoCredentials.class)
class DryRunTest {

  /** Only the inbound secrets; the Open API points at a port where nothing listens. */
  public static class NoCredentials implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "feishu.require-credentials",
          "false",
          "feishu.verification-token",
          TestKeys.VERIFICATION_TOKEN,
          "feishu.encrypt-key",
          TestKeys.ENCRYPT_KEY,
          "feishu.api-base-url",
          "http://127.0.0.1:9");
    }
  }

  @Test
  void ping_isAcknowledged_andTheReplyIsLoggedNotSent() {
    List<String> lines = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            lines.add(
                String.valueOf(record.getMessage())
                    + " "
                    + java.util.Arrays.toString(record.getParameters()));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try {
      Events.MessageEvent event = Events.message("/ping");
      BotEndpoint.send(FeishuDelivery.of(event.json()).build())
          .then()
          .statusCode(200)
          .body("msg", equalTo("success"));
      assertThat(lines)
          .anyMatch(line -> line.contains("dry run") && line.contains(event.messageId()));
    } finally {
      root.removeHandler(capture);
    }
  }
}
