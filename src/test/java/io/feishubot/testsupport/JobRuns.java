package io.feishubot.testsupport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** How often the test-only job commands started and finished, per event id. */
public final class JobRuns {

  private static final Map<String, AtomicInteger> STARTED = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> FINISHED = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> INTERRUPTED = new ConcurrentHashMap<>();

  private JobRuns() {}

  static void started(String eventId) {
    STARTED.computeIfAbsent(eventId, id -> new AtomicInteger()).incrementAndGet();
  }

  static void finished(String eventId) {
    FINISHED.computeIfAbsent(eventId, id -> new AtomicInteger()).incrementAndGet();
  }

  static void interrupted(String eventId) {
    INTERRUPTED.computeIfAbsent(eventId, id -> new AtomicInteger()).incrementAndGet();
  }

  public static int started(Object eventId) {
    return count(STARTED, eventId);
  }

  public static int finished(Object eventId) {
    return count(FINISHED, eventId);
  }

  public static int interrupted(Object eventId) {
    return count(INTERRUPTED, eventId);
  }

  private static int count(Map<String, AtomicInteger> counts, Object eventId) {
    AtomicInteger count = counts.get(String.valueOf(eventId));
    return count == null ? 0 : count.get();
  }
}
