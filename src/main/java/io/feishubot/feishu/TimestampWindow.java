package io.feishubot.feishu;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A replay window for {@code X-Lark-Request-Timestamp}, bounded in both directions so a captured
 * request can be neither replayed later nor pre-signed for the future.
 *
 * <p>Feishu does not document the header's unit, so parsing is lenient: surrounding whitespace is
 * ignored and values above 10^11 (year 5138 in seconds) are read as milliseconds. Bounds are
 * inclusive. {@code now} is a parameter so callers decide the clock and tests need none.
 */
public final class TimestampWindow {

  private static final long MILLIS_THRESHOLD = 100_000_000_000L;
  // Long.MAX_VALUE has 19 digits; longer input cannot be a timestamp and would overflow.
  private static final int MAX_DIGITS = 18;

  private final Duration maxAge;
  private final Duration maxFutureSkew;

  public TimestampWindow(Duration maxAge, Duration maxFutureSkew) {
    this.maxAge = requireNonNegative(maxAge, "maxAge");
    this.maxFutureSkew = requireNonNegative(maxFutureSkew, "maxFutureSkew");
  }

  public TimestampCheck check(String headerValue, Instant now) {
    Objects.requireNonNull(now, "now");
    if (headerValue == null || headerValue.isBlank()) {
      return TimestampCheck.MISSING;
    }
    String digits = headerValue.trim();
    if (digits.length() > MAX_DIGITS || !isAsciiDigits(digits)) {
      return TimestampCheck.UNPARSEABLE;
    }
    long value = Long.parseLong(digits);
    Instant sent =
        value > MILLIS_THRESHOLD ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
    if (sent.isBefore(now.minus(maxAge))) {
      return TimestampCheck.TOO_OLD;
    }
    if (sent.isAfter(now.plus(maxFutureSkew))) {
      return TimestampCheck.TOO_FAR_IN_FUTURE;
    }
    return TimestampCheck.FRESH;
  }

  /** Only 0-9: Long.parseLong would also take a sign and non-ASCII digits. */
  private static boolean isAsciiDigits(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static Duration requireNonNegative(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative");
    }
    return value;
  }
}
