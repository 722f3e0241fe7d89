package io.feishubot.bench;

import io.feishubot.idempotency.ClaimResult;
import io.feishubot.idempotency.IdempotencyKey;
import io.feishubot.idempotency.InMemoryIdempotencyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-memory store's claim of a new event while it already remembers {@code liveEntries}
 * processed events that have not expired (24 h retention, the default): how the cost of one claim
 * grows with a day's traffic. The claim is released again so the size stays put.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DedupStoreBenchmark {

  @Param({"1000", "10000", "10001", "50000"})
  int liveEntries;

  private InMemoryIdempotencyStore store;
  private final Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private long next;

  @Setup
  public void fill() {
    store = new InMemoryIdempotencyStore(Duration.ofHours(24));
    for (int i = 0; i < liveEntries; i++) {
      IdempotencyKey key = new IdempotencyKey(Deliveries.APP_ID, "old-" + i);
      store.claim(key, now, now.plusSeconds(5));
      store.complete(key, now, Optional.empty());
    }
  }

  @Benchmark
  public ClaimResult claimNewEvent() {
    IdempotencyKey key = new IdempotencyKey(Deliveries.APP_ID, "new-" + next++);
    ClaimResult result = store.claim(key, now, now.plusSeconds(5));
    store.release(key);
    return result;
  }
}
