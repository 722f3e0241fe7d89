package io.feishubot.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The per-delivery meters of {@link EventWebhook}, looked up once per tag combination: building a
 * meter id and asking the registry for it on every event cost more than the rest of an ignored
 * event's bookkeeping.
 */
final class EventMeters {

  private record Tags(String type, String outcome, String reason) {}

  private final MeterRegistry registry;
  private final ConcurrentMap<Tags, Counter> events = new ConcurrentHashMap<>();
  private final ConcurrentMap<Tags, Timer> durations = new ConcurrentHashMap<>();

  EventMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Counts a delivery under {@code feishu.events}. Tags are event types and fixed words only. */
  void count(String type, String outcome, String reason) {
    events
        .computeIfAbsent(
            new Tags(type, outcome, reason),
            tags ->
                Counter.builder("feishu.events")
                    .tag("type", tags.type())
                    .tag("outcome", tags.outcome())
                    .tag("reason", tags.reason())
                    .register(registry))
        .increment();
  }

  /** The ack latency Feishu sees, minus transport. */
  void recordDuration(String type, String outcome, Duration took) {
    durations
        .computeIfAbsent(
            new Tags(type, outcome, ""),
            tags ->
                Timer.builder("feishu.events.duration")
                    .tag("type", tags.type())
                    .tag("outcome", tags.outcome())
                    .register(registry))
        .record(took);
  }
}
