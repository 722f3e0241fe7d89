package io.feishubot.emulator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Learns what the bot made of a delivery from its own {@code feishu.events} counter, the one the
 * dashboards read: the HTTP answer alone cannot tell accepted from duplicate or ignored (all are
 * 200 {@code {"msg":"success"}}), nor one 401 from another, and on purpose: it must not help an
 * attacker. Reading the counter before and after a delivery needs no hook in the webhook, at the
 * price of one rule: the emulator makes one delivery at a time ({@link Postman}).
 */
@ApplicationScoped
public class OutcomeProbe {

  private static final String COUNTER = "feishu.events";

  /** The counter's {@code outcome} and {@code reason} tags ({@code reason} "none" when none). */
  record Outcome(String outcome, String reason) {}

  private final MeterRegistry registry;

  public OutcomeProbe(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The count of each outcome so far, over all event types. */
  Map<Outcome, Double> snapshot() {
    Map<Outcome, Double> counts = new HashMap<>();
    for (Counter counter : registry.find(COUNTER).counters()) {
      Outcome outcome =
          new Outcome(counter.getId().getTag("outcome"), counter.getId().getTag("reason"));
      counts.merge(outcome, counter.count(), Double::sum);
    }
    return counts;
  }

  /**
   * The one outcome counted between two snapshots; empty when none or several were (the bot failed
   * before counting, or other traffic arrived at the same time).
   */
  static Optional<Outcome> counted(Map<Outcome, Double> before, Map<Outcome, Double> after) {
    Outcome counted = null;
    for (Map.Entry<Outcome, Double> entry : after.entrySet()) {
      double added = entry.getValue() - before.getOrDefault(entry.getKey(), 0.0);
      if (added == 0) {
        continue;
      }
      if (added != 1 || counted != null) {
        return Optional.empty();
      }
      counted = entry.getKey();
    }
    return Optional.ofNullable(counted);
  }
}
