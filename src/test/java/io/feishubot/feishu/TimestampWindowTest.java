package io.feishubot.feishu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampWindowTest {

  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

  private final TimestampWindow window =
      new TimestampWindow(Duration.ofMinutes(5), Duration.ofSeconds(30));

  private TimestampCheck check(long epochSecond) {
    return window.check(Long.toString(epochSecond), NOW);
  }

  @Test
  void accepts_whenTimestampIsNow() {
    assertEquals(TimestampCheck.FRESH, check(1_700_000_000L));
  }

  @Test
  void accepts_whenExactlyMaxAgeOld() {
    assertEquals(TimestampCheck.FRESH, check(1_700_000_000L - 300));
  }

  @Test
  void rejects_whenOneSecondOlderThanMaxAge() {
    assertEquals(TimestampCheck.TOO_OLD, check(1_700_000_000L - 301));
  }

  @Test
  void accepts_whenExactlyMaxFutureSkewAhead() {
    assertEquals(TimestampCheck.FRESH, check(1_700_000_000L + 30));
  }

  @Test
  void rejects_whenOneSecondBeyondFutureSkew() {
    assertEquals(TimestampCheck.TOO_FAR_IN_FUTURE, check(1_700_000_000L + 31));
  }

  @Test
  void readsMilliseconds_whenValueAboveTenToTheEleven() {
    assertEquals(TimestampCheck.FRESH, window.check("1700000000000", NOW));
    assertEquals(TimestampCheck.FRESH, window.check("1699999700000", NOW));
    assertEquals(TimestampCheck.TOO_OLD, window.check("1699999699999", NOW));
    assertEquals(TimestampCheck.TOO_FAR_IN_FUTURE, window.check("1700000030001", NOW));
  }

  @Test
  void accepts_whenSurroundedByWhitespace() {
    assertEquals(TimestampCheck.FRESH, window.check(" 1700000000\t", NOW));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   "})
  void reportsMissing_whenHeaderAbsentOrBlank(String header) {
    assertEquals(TimestampCheck.MISSING, window.check(header, NOW));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abc",
        "1700000000.5",
        "-1700000000",
        "+1700000000",
        "1.7e9",
        "0x6553f100",
        "1700 000000",
        "Monday, 14-Nov-22 15:53:37 CST",
        "99999999999999999999999",
        "\u0661\u0667\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660", // Arabic-Indic
        "\uff11\uff17\uff10\uff10\uff10\uff10\uff10\uff10\uff10\uff10" // fullwidth
      })
  void reportsUnparseable_whenNotPlainDecimal(String header) {
    assertEquals(TimestampCheck.UNPARSEABLE, window.check(header, NOW));
  }

  @Test
  void refusesToConstruct_whenBoundNegative() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new TimestampWindow(Duration.ofSeconds(-1), Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () -> new TimestampWindow(Duration.ZERO, Duration.ofSeconds(-1)));
  }
}
