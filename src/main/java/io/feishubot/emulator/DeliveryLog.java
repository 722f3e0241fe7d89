package io.feishubot.emulator;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every delivery the emulator made to {@code /feishu/events}, newest last, with what the bot
 * answered. The plaintext of each is kept for "redeliver" and "tamper" but never leaves the server:
 * it carries the verification token.
 */
@ApplicationScoped
public class DeliveryLog {

  static final int MAX_ENTRIES = 100;
  private static final int MAX_ANSWER_CHARS = 2000;

  /** What a delivery carried. */
  record Sent(String plaintext, String eventId, String eventType, String summary) {}

  /** How a delivery was made. */
  enum Kind {
    /** The first delivery of an event. */
    ORIGINAL,
    /** The same event again, freshly signed, as Feishu redelivers it. */
    REDELIVERY,
    /** The same event with a signature that does not match. */
    TAMPERED
  }

  /**
   * One delivery as the page shows it. {@code status} is 0 while it is in flight; {@code outcome}
   * is the bot's own word for it ({@code accepted}, {@code duplicate}, {@code ignored}, {@code
   * rejected}, …) and {@code reason} says why a delivery was rejected.
   */
  record Entry(
      int id,
      String eventId,
      String eventType,
      String summary,
      Kind kind,
      int status,
      long latencyMs,
      String outcome,
      String reason,
      String answer,
      long at) {}

  private final Map<Integer, Entry> entries = new LinkedHashMap<>();
  private final Map<Integer, Sent> sent = new LinkedHashMap<>();
  private final Changes changes;
  private final Clock clock;
  private int lastId;

  public DeliveryLog(Changes changes, Clock clock) {
    this.changes = changes;
    this.clock = clock;
  }

  /** Records a delivery about to be made and returns its id. */
  int start(Sent delivery, Kind kind) {
    int id;
    synchronized (this) {
      id = ++lastId;
      entries.put(
          id,
          new Entry(
              id,
              delivery.eventId(),
              delivery.eventType(),
              delivery.summary(),
              kind,
              0,
              0,
              "in flight",
              null,
              null,
              clock.millis()));
      sent.put(id, delivery);
      while (entries.size() > MAX_ENTRIES) {
        int oldest = entries.keySet().iterator().next();
        entries.remove(oldest);
        sent.remove(oldest);
      }
    }
    changes.bump();
    return id;
  }

  /** Records how the bot answered delivery {@code id}. */
  Entry finish(int id, int status, long latencyMs, String outcome, String reason, String answer) {
    Entry finished;
    synchronized (this) {
      Entry started = entries.get(id);
      if (started == null) {
        // Evicted while in flight by a hundred newer deliveries: nothing left to show.
        return null;
      }
      String shown =
          answer == null || answer.length() <= MAX_ANSWER_CHARS
              ? answer
              : answer.substring(0, MAX_ANSWER_CHARS) + "…";
      finished =
          new Entry(
              id,
              started.eventId(),
              started.eventType(),
              started.summary(),
              started.kind(),
              status,
              latencyMs,
              outcome,
              reason,
              shown,
              started.at());
      entries.put(id, finished);
    }
    changes.bump();
    return finished;
  }

  synchronized Optional<Sent> sent(int id) {
    return Optional.ofNullable(sent.get(id));
  }

  synchronized Optional<Entry> entry(int id) {
    return Optional.ofNullable(entries.get(id));
  }

  synchronized List<Entry> entries() {
    return new ArrayList<>(entries.values());
  }

  void clear() {
    synchronized (this) {
      entries.clear();
      sent.clear();
    }
    changes.bump();
  }
}
