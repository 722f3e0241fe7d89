package io.feishubot.testsupport;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Waits for something to happen, checking every 100 ms, for at most a given time. */
public final class Poll {

  private static final long INTERVAL_MILLIS = 100;

  private Poll() {}

  /**
   * The first non-empty answer of {@code check} within {@code atMost}.
   *
   * @throws AssertionError naming {@code what} when none came
   */
  public static <T> T until(String what, Duration atMost, Supplier<Optional<T>> check) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (true) {
      Optional<T> result = check.get();
      if (result.isPresent()) {
        return result.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + atMost + " for " + what);
      }
      pause();
    }
  }

  static void pause() {
    try {
      Thread.sleep(INTERVAL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while polling", e);
    }
  }
}
