package io.feishubot.outbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code feishu.outbound.slot.waits{limit, outcome}}: calls that had to wait for one of the bot's
 * own limits ({@code chat}: the per-chat send pace, {@code calls}: the cap on calls in flight), and
 * whether they got their slot ({@code waited}) or were answered 503 ({@code gave_up}). Calls that
 * found a slot free are not counted: that is nearly all of them, and the hot path stays bare.
 */
record SlotWaitMeters(Counter waited, Counter gaveUp) {

  static SlotWaitMeters register(MeterRegistry registry, String limit) {
    return new SlotWaitMeters(
        counter(registry, limit, "waited"), counter(registry, limit, "gave_up"));
  }

  private static Counter counter(MeterRegistry registry, String limit, String outcome) {
    return Counter.builder("feishu.outbound.slot.waits")
        .description("Outbound calls that waited for a slot of the bot's own limits, by outcome")
        .tag("limit", limit)
        .tag("outcome", outcome)
        .register(registry);
  }
}
