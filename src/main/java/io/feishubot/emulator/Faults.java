package io.feishubot.emulator;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fault switch of the fake Open API: one fault, armed from the page, spoils the next message
 * call (reply, send or update) and is then spent, so the bot's retry of that call goes through and
 * its fault-tolerance policy can be watched at work.
 */
@ApplicationScoped
public class Faults {

  /** What the next call suffers. */
  enum Fault {
    NONE,
    /** HTTP 500: a transient failure, retried with backoff. */
    SERVER_ERROR,
    /** HTTP 429, code 99991400, {@code x-ogw-ratelimit-reset: 1}: retried after the reset. */
    RATE_LIMIT,
    /** Code 99991663: the token is revoked, so the bot fetches a new one and tries again once. */
    INVALID_TOKEN,
    /** The answer comes after {@link #SLOW_BY}, past the bot's per-attempt timeout. */
    SLOW;

    /** Past the 800 ms attempt timeout, well inside the 2.5 s deadline for the retry. */
    static final Duration SLOW_BY = Duration.ofMillis(1500);

    /** The name the page and the API use: {@code server-error}, {@code rate-limit}, … */
    String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Optional<Fault> ofWireName(String name) {
      return Arrays.stream(values()).filter(fault -> fault.wireName().equals(name)).findFirst();
    }
  }

  private final AtomicReference<Fault> armed = new AtomicReference<>(Fault.NONE);
  private final Changes changes;

  public Faults(Changes changes) {
    this.changes = changes;
  }

  void arm(Fault fault) {
    armed.set(fault);
    changes.bump();
  }

  Fault armed() {
    return armed.get();
  }

  /** The armed fault, disarmed by taking it: exactly one call suffers it. */
  Fault take() {
    Fault fault = armed.getAndSet(Fault.NONE);
    if (fault != Fault.NONE) {
      changes.bump();
    }
    return fault;
  }
}
