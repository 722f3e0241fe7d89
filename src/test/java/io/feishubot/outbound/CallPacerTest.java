package io.feishubot.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A custom bot's rate, 5 a second (200 ms apart) and 100 a minute, with time passed in. */
class CallPacerTest {

  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Instant FAR = T0.plus(Duration.ofHours(1));

  private Instant now = T0;
  private final Clock clock =
      new Clock() {
        @Override
        public Instant instant() {
          return now;
        }

        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }
      };
  private final CallPacer pacer =
      new CallPacer(clock, Duration.ofMillis(200), 100, Duration.ofMinutes(1));

  @Test
  void callsArrivingTogether_getTurns200msApart_inArrivalOrder() {
    for (int i = 0; i < 6; i++) {
      assertThat(pacer.reserve(FAR)).contains(T0.plusMillis(200L * i));
    }
  }

  @Test
  void aCallAfterAQuietSpell_goesAtOnce() {
    pacer.reserve(FAR);
    now = T0.plusSeconds(5);
    assertThat(pacer.reserve(FAR)).contains(now);
  }

  @Test
  void the101stCallOfAMinute_waitsUntilTheFirstIsAMinuteOld() {
    for (int i = 0; i < 100; i++) {
      pacer.reserve(FAR);
      now = now.plusMillis(250); // slower than 5 a second: only the minute's 100 binds
    }
    assertThat(pacer.reserve(FAR)).contains(T0.plus(Duration.ofMinutes(1)));
    // The one after it: the second call's minute, or 200 ms later, whichever is later.
    assertThat(pacer.reserve(FAR)).contains(T0.plus(Duration.ofMinutes(1)).plusMillis(250));
  }

  @Test
  void aTurnTooLateForTheDeadline_isRefused_andTakesNothingFromOthers() {
    assertThat(pacer.reserve(FAR)).contains(T0);
    assertThat(pacer.reserve(T0.plusMillis(100))).isEqualTo(Optional.empty());
    assertThat(pacer.reserve(FAR)).contains(T0.plusMillis(200));
  }
}
