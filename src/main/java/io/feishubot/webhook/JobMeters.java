package io.feishubot.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of deferred jobs: {@code feishu.jobs.started{command}}, {@code
 * feishu.jobs.ended{command,outcome}}, the gauge {@code feishu.jobs.running} and the timer {@code
 * feishu.jobs.duration{command}}. The command tag is always a registered command's name, never what
 * a user typed.
 */
@ApplicationScoped
public class JobMeters {

  /** How a started job ended; {@code RELEASED}: it did not finish here and was let go. */
  enum Ended {
    FINISHED,
    FAILED,
    TIMED_OUT,
    RELEASED;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static final String STARTED = "feishu.jobs.started";
  static final String ENDED = "feishu.jobs.ended";
  static final String RUNNING = "feishu.jobs.running";
  static final String DURATION = "feishu.jobs.duration";

  private record Tags(String command, Ended outcome) {}

  private final MeterRegistry registry;
  private final AtomicInteger running = new AtomicInteger();
  private final ConcurrentMap<String, Counter> started = new ConcurrentHashMap<>();
  private final ConcurrentMap<Tags, Counter> ended = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Timer> durations = new ConcurrentHashMap<>();

  public JobMeters(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder(RUNNING, running, AtomicInteger::get)
        .description("Deferred jobs running in this process now")
        .register(registry);
  }

  void started(String command) {
    running.incrementAndGet();
    started
        .computeIfAbsent(
            command,
            name ->
                Counter.builder(STARTED)
                    .description("Deferred jobs that started to run")
                    .tag("command", name)
                    .register(registry))
        .increment();
  }

  void ended(String command, Ended outcome, Duration took) {
    running.decrementAndGet();
    ended
        .computeIfAbsent(
            new Tags(command, outcome),
            tags ->
                Counter.builder(ENDED)
                    .description("Deferred jobs that ended, by outcome")
                    .tag("command", tags.command())
                    .tag("outcome", tags.outcome().tag())
                    .register(registry))
        .increment();
    durations
        .computeIfAbsent(
            command,
            name ->
                Timer.builder(DURATION)
                    .description("How long deferred jobs ran, reply included")
                    .tag("command", name)
                    .register(registry))
        .record(took);
  }
}
