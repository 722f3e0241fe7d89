package io.feishubot.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.feishubot.testsupport.BotEndpoint;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.FeishuDelivery;
import io.feishubot.testsupport.ThreadRecordingCommand;
import io.feishubot.webhook.EventWebhook;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where a delivery is processed: everything stays on the I/O thread that read it, the command and
 * its reply included, except work that may block, which never runs there (blocking an event loop
 * stalls every connection it serves). The outcome line of each event is logged on the thread that
 * finished it, so its thread name tells; the test-only handler records its own thread.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
class DeliveryThreadsTest {

  private static final String EVENT_LOOP = "vert.x-eventloop-thread-";
  private static final Logger WEBHOOK_LOG = Logger.getLogger(EventWebhook.class.getName());

  private final List<String[]> outcomes = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          String message = ExtLogRecord.wrap(record).getFormattedMessage();
          if (message != null && message.startsWith("event ")) {
            synchronized (outcomes) {
              outcomes.add(new String[] {message, ExtLogRecord.wrap(record).getThreadName()});
            }
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private Level previousLevel;

  @BeforeEach
  void listen() {
    // Ignored events are logged at DEBUG only.
    previousLevel = WEBHOOK_LOG.getLevel();
    WEBHOOK_LOG.setLevel(Level.FINE);
    capture.setLevel(Level.ALL);
    WEBHOOK_LOG.addHandler(capture);
  }

  @AfterEach
  void stopListening() {
    WEBHOOK_LOG.removeHandler(capture);
    WEBHOOK_LOG.setLevel(previousLevel);
  }

  @Test
  void ignoredEvent_andNonBlockingCommand_stayOnTheIoThread() {
    Events.MessageEvent fromApp = Events.message("/ping").fromApp();
    Events.MessageEvent ping = Events.message("/ping");
    BotEndpoint.send(FeishuDelivery.of(fromApp.json()).build()).then().statusCode(200);
    BotEndpoint.send(FeishuDelivery.of(ping.json()).build()).then().statusCode(200);

    assertThat(threadOf(fromApp.eventId(), "ignored")).startsWith(EVENT_LOOP);
    // /ping with the in-memory store: claim, reply and completion without a thread hand-off.
    assertThat(threadOf(ping.eventId(), "accepted")).startsWith(EVENT_LOOP);
    assertThat(BotEndpoint.repliesTo(ping.messageId())).hasSize(1);
  }

  @Test
  void handlerThatMayBlock_runsOnAWorker_andItsReplyIsSent() {
    Events.MessageEvent event = Events.message("/test-thread");
    BotEndpoint.send(FeishuDelivery.of(event.json()).build()).then().statusCode(200);

    assertThat(ThreadRecordingCommand.threadOf(event.eventId()))
        .isNotBlank()
        .doesNotStartWith(EVENT_LOOP);
    assertThat(threadOf(event.eventId(), "accepted")).isNotBlank();
    assertThat(BotEndpoint.repliesTo(event.messageId())).hasSize(1);
  }

  private String threadOf(String eventId, String outcome) {
    synchronized (outcomes) {
      return outcomes.stream()
          .filter(o -> o[0].contains(eventId) && o[0].contains("outcome " + outcome))
          .map(o -> o[1])
          .findFirst()
          .orElseThrow(() -> new AssertionError("no '" + outcome + "' line for " + eventId));
    }
  }
}
