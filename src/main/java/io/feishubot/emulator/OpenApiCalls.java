package io.feishubot.emulator;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The calls the bot made to the fake Open API, newest last, so the page can show its retries, token
 * refreshes and backoff at work. No bodies and no tokens: method, path and answer only.
 */
@ApplicationScoped
public class OpenApiCalls {

  static final int MAX_CALLS = 100;

  /**
   * One call: the HTTP status and Feishu {@code code} of the answer, the fault that shaped it (or
   * null), and how long the answer took.
   */
  record Call(
      int id, String method, String path, int status, int code, String fault, long ms, long at) {}

  private final Deque<Call> calls = new ArrayDeque<>();
  private final Changes changes;
  private final Clock clock;
  private int lastId;

  public OpenApiCalls(Changes changes, Clock clock) {
    this.changes = changes;
    this.clock = clock;
  }

  void record(String method, String path, int status, int code, String fault, long ms) {
    synchronized (this) {
      calls.addLast(new Call(++lastId, method, path, status, code, fault, ms, clock.millis()));
      while (calls.size() > MAX_CALLS) {
        calls.removeFirst();
      }
    }
    changes.bump();
  }

  synchronized List<Call> calls() {
    return new ArrayList<>(calls);
  }

  void clear() {
    synchronized (this) {
      calls.clear();
    }
    changes.bump();
  }
}
