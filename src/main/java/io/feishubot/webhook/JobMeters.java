package io.feishubot.webhook;

import io.feishubot.router.CommandHandler;
import io.feishubot.router.CommandRouter;
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

  public JobMeters(MeterRegistry registry, CommandRouter commands) {
    this.registry = registry;
    // A registry can outlive the application: tests restart Quarkus in one JVM, and Micrometer's
    // global registry, loaded outside the application, keeps the previous run's gauge bound to that
    // run's counter. Registering again would return it, so it is replaced.
    Gauge stale = registry.find(RUNNING).gauge();
    if (stale != null) {
      registry.remove(stale);
    }
    Gauge.builder(RUNNING, running, AtomicInteger::get)
        .description("Deferred jobs running in this process now")
        .register(registry);
    for (CommandHandler command : commands.commands()) {
      if (command.deferred()) {
        startedCounter(command.name());
        for (Ended outcome : Ended.values()) {
          endedCounter(new Tags(command.name(), outcome));
        }
        durationTimer(command.name());
      }
    }
  }

  void started(String command) {
    running.incrementAndGet();
    startedCounter(command).increment();
  }

  void ended(String command, Ended outcome, Duration took) {
    running.decrementAndGet();
    endedCounter(new Tags(command, outcome)).increment();
    durationTimer(command).record(took);
  }

  private Counter startedCounter(String command) {
    return started.computeIfAbsent(
        command,
        name ->
            Counter.builder(STARTED)
                .description("Deferred jobs that started to run")
                .tag("command", name)
                .register(registry));
  }

  private Counter endedCounter(Tags tags) {
    return ended.computeIfAbsent(
        tags,
        t ->
            Counter.builder(ENDED)
                .description("Deferred jobs that ended, by outcome")
                .tag("command", t.command())
                .tag("outcome", t.outcome().tag())
                .register(registry));
  }

  private Timer durationTimer(String command) {
    return durations.computeIfAbsent(
        command,
        name ->
            Timer.builder(DURATION)
                .description("How long deferred jobs ran, reply included")
                .tag("command", name)
                .register(registry));
  }
}
