package io.feishubot.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Keeps calls to one endpoint within a rate, first come first served: calls at least {@code
 * spacing} apart, and at most {@code perWindow} in any {@code window}. Each caller reserves the
 * next free slot and waits for it, rather than being refused and retrying (MicroProfile's rate
 * limit refuses, and callers retrying at random neither queue fairly nor know when to give up). A
 * caller whose slot would come too late for its deadline gets none and takes nothing from the
 * others.
 */
final class CallPacer {

  private final Clock clock;
  private final Duration spacing;
  private final int perWindow;
  private final Duration window;

  /** The last {@code perWindow} slots handed out, oldest first. */
  private final Deque<Instant> granted = new ArrayDeque<>();

  private Instant next = Instant.MIN;

  CallPacer(Clock clock, Duration spacing, int perWindow, Duration window) {
    this.clock = clock;
    this.spacing = spacing;
    this.perWindow = perWindow;
    this.window = window;
  }

  /**
   * Reserves the earliest slot the rate allows, unless it comes after {@code latest}.
   *
   * @return when the call may start; empty when not by {@code latest}
   */
  synchronized Optional<Instant> reserve(Instant latest) {
    Instant slot = max(clock.instant(), next);
    if (granted.size() == perWindow) {
      slot = max(slot, granted.peekFirst().plus(window));
    }
    if (slot.isAfter(latest)) {
      return Optional.empty();
    }
    granted.addLast(slot);
    if (granted.size() > perWindow) {
      granted.removeFirst();
    }
    next = slot.plus(spacing);
    return Optional.of(slot);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
