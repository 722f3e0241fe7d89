package io.feishubot.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The reply uuid must never change for an event: a redelivery answered by a newer version of the
 * bot would otherwise post a second reply. The JDK's name-based UUID is the reference.
 */
class ReplyIdsTest {

  private static String reference(String appId, String eventId) {
    return UUID.nameUUIDFromBytes(
            ("feishu-bot:reply:" + appId + ":" + eventId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  @Test
  void equalsTheJdkNameBasedUuid() {
    for (String eventId :
        new String[] {"5e3702a84e847582be8db7fb73283c02", "", "事件-ünïcode", "x".repeat(500)}) {
      assertThat(ReplyIds.forEvent("cli_a1b2c3", eventId))
          .isEqualTo(reference("cli_a1b2c3", eventId));
    }
    assertThat(UUID.fromString(ReplyIds.forEvent("cli_a1b2c3", "e1")).version()).isEqualTo(3);
    // Lone surrogates at the edges of the parts encode as '?' in the whole name too.
    for (String odd : new String[] {"\ud800", "\udc00", "a\ud83d", "\ude00b", "\ud83d\ude00"}) {
      assertThat(ReplyIds.forEvent(odd, odd)).isEqualTo(reference(odd, odd));
      assertThat(ReplyIds.forEvent("cli" + odd, odd + "e"))
          .isEqualTo(reference("cli" + odd, odd + "e"));
    }
  }

  @Test
  void namesLaterPlacesWithTheirNumber() {
    for (int place : new int[] {1, 2, 10, 12345}) {
      assertThat(ReplyIds.forEvent("cli_a1b2c3", "e1", place))
          .isEqualTo(reference("cli_a1b2c3", "e1#" + place));
      assertThat(ReplyIds.forEvent("cli_a1b2c3", "ünï", place))
          .isEqualTo(reference("cli_a1b2c3", "ünï#" + place));
    }
    assertThat(ReplyIds.forEvent("cli_a1b2c3", "e1", 0)).isEqualTo(reference("cli_a1b2c3", "e1"));
  }

  @Test
  void differsPerAppAndEvent() {
    assertThat(ReplyIds.forEvent("cli_a", "e1"))
        .isNotEqualTo(ReplyIds.forEvent("cli_b", "e1"))
        .isNotEqualTo(ReplyIds.forEvent("cli_a", "e2"));
  }

  @Test
  void sameAnswerFromManyThreadsAtOnce() throws Exception {
    ConcurrentHashMap<String, Boolean> wrong = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int i = 0; i < 8_000; i++) {
      String eventId = "event-" + i;
      pool.execute(
          () -> {
            if (!ReplyIds.forEvent("cli_a", eventId).equals(reference("cli_a", eventId))) {
              wrong.put(eventId, true);
            }
          });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(wrong).isEmpty();
  }
}
