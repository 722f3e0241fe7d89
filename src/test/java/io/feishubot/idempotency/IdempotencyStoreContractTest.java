package io.feishubot.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every idempotency store promises, run against each implementation. Keys are unique per test,
 * so implementations may share one table across the tests of a class.
 */
abstract class IdempotencyStoreContractTest {

  static final Duration RETENTION = Duration.ofHours(24);
  static final Duration PROCESSING = Duration.ofSeconds(3);
  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  /** The store under test; the same instance for every call within one test. */
  abstract IdempotencyStore store();

  /**
   * A second app instance sharing the claims of {@link #store()}: its own client for DynamoDB. The
   * in-memory store has nothing to share with, so it returns the same store.
   */
  abstract IdempotencyStore otherInstance();

  static IdempotencyKey newKey() {
    return new IdempotencyKey("cli_test", "ev_" + UUID.randomUUID());
  }

  @Test
  void claims_whenKeyIsNew() {
    assertInstanceOf(ClaimResult.Claimed.class, store().claim(newKey(), T0, T0.plus(PROCESSING)));
  }

  /**
   * Asserts that {@code result} lost to another claim and returns the holder's status as {@link
   * IdempotencyStore#find} reads it at {@code now}; a status the claim carried must agree with it.
   */
  ClaimStatus takenBy(ClaimResult result, IdempotencyKey key, Instant now) {
    ClaimResult.Taken taken = assertInstanceOf(ClaimResult.Taken.class, result);
    Optional<ClaimStatus> found = store().find(key, now);
    taken.status().ifPresent(status -> assertEquals(Optional.of(status), found, "claim and find"));
    return found.orElseThrow(() -> new AssertionError("the claim was taken, but find saw none"));
  }

  @Test
  void reportsInProgress_whenDuplicateArrivesDuringProcessing() {
    IdempotencyKey key = newKey();
    store().claim(key, T0, T0.plus(PROCESSING));

    Instant later = T0.plusSeconds(1);
    assertEquals(
        new ClaimStatus.InProgress(),
        takenBy(store().claim(key, later, later.plus(PROCESSING)), key, later));
  }

  @Test
  void replaysStoredResponse_whenDuplicateArrivesAfterCompletion() {
    IdempotencyKey key = newKey();
    store().claim(key, T0, T0.plus(PROCESSING));
    store().complete(key, T0.plusSeconds(1), Optional.of("{\"toast\":\"done\"}"));

    Instant redelivery = T0.plus(Duration.ofMinutes(5));
    assertEquals(
        new ClaimStatus.Completed(Optional.of("{\"toast\":\"done\"}")),
        takenBy(store().claim(key, redelivery, redelivery.plus(PROCESSING)), key, redelivery));
  }

  @Test
  void reportsCompletedWithoutResponse_whenNoneWasStored() {
    IdempotencyKey key = newKey();
    store().claim(key, T0, T0.plus(PROCESSING));
    store().complete(key, T0.plusSeconds(1), Optional.empty());

    Instant redelivery = T0.plus(Duration.ofHours(6));
    assertEquals(
        new ClaimStatus.Completed(Optional.empty()),
        takenBy(store().claim(key, redelivery, redelivery.plus(PROCESSING)), key, redelivery));
  }

  /** The alert receiver keeps its group → card records this way, under a lock of its own. */
  @Test
  void complete_recordsAnUnclaimedKey_andReplacesAnEarlierResponse() {
    IdempotencyKey key = newKey();
    store().complete(key, T0, Optional.of("first"));
    assertEquals(
        Optional.of(new ClaimStatus.Completed(Optional.of("first"))), store().find(key, T0));

    store().complete(key, T0.plusSeconds(1), Optional.of("second"));
    assertEquals(
        Optional.of(new ClaimStatus.Completed(Optional.of("second"))),
        otherInstance().find(key, T0.plusSeconds(2)));
    // Kept for the retention from the last write.
    assertEquals(
        Optional.empty(), store().find(key, T0.plusSeconds(1).plus(RETENTION).plusSeconds(1)));
  }

  @Test
  void findsNothing_forUnknownKey() {
    assertEquals(Optional.empty(), store().find(newKey(), T0));
  }

  @Test
  void findsClaim_withoutChangingIt() {
    IdempotencyKey key = newKey();
    store().claim(key, T0, T0.plus(PROCESSING));

    Instant later = T0.plusSeconds(1);
    assertEquals(Optional.of(new ClaimStatus.InProgress()), store().find(key, later));
    assertEquals(Optional.of(new ClaimStatus.InProgress()), store().find(key, later));
    assertInstanceOf(ClaimResult.Taken.class, store().claim(key, later, later.plus(PROCESSING)));
  }

  @Test
  void isClaimableAgain_afterRelease() {
    IdempotencyKey key = newKey();
    store().claim(key, T0, T0.plus(PROCESSING));
    store().release(key);

    Instant redelivery = T0.plusSeconds(15);
    assertEquals(Optional.empty(), store().find(key, redelivery));
    assertInstanceOf(
        ClaimResult.Claimed.class, store().claim(key, redelivery, redelivery.plus(PROCESSING)));
  }

  @Test
  void takesOverClaim_onlyAfterItsInProgressExpiryPassed() {
    IdempotencyKey key = newKey();
    store().claim(key, T0, T0.plus(PROCESSING)); // its owner crashes and never completes

    Instant beforeExpiry = T0.plus(PROCESSING).minusMillis(1);
    assertEquals(
        new ClaimStatus.InProgress(),
        takenBy(
            store().claim(key, beforeExpiry, beforeExpiry.plus(PROCESSING)), key, beforeExpiry));

    Instant afterExpiry = T0.plus(PROCESSING).plusMillis(1);
    assertEquals(Optional.empty(), store().find(key, afterExpiry), "a lapsed claim holds nothing");
    assertInstanceOf(
        ClaimResult.Claimed.class, store().claim(key, afterExpiry, afterExpiry.plus(PROCESSING)));
    // The new owner holds it now: a third delivery must wait for it.
    Instant third = afterExpiry.plusMillis(1);
    assertEquals(
        new ClaimStatus.InProgress(),
        takenBy(store().claim(key, third, afterExpiry.plus(PROCESSING)), key, third));
  }

  @Test
  void renew_extendsTheInProgressClaim_pastItsFirstExpiry() {
    IdempotencyKey key = newKey();
    store().claim(key, T0, T0.plus(PROCESSING));

    Instant renewedAt = T0.plusSeconds(2);
    Instant extendedUntil = T0.plusSeconds(10);
    assertTrue(store().renew(key, renewedAt, extendedUntil));

    Instant pastFirstExpiry = T0.plus(PROCESSING).plusSeconds(1);
    assertEquals(
        new ClaimStatus.InProgress(),
        takenBy(
            store().claim(key, pastFirstExpiry, pastFirstExpiry.plus(PROCESSING)),
            key,
            pastFirstExpiry));
    Instant afterExtension = extendedUntil.plusMillis(1);
    assertInstanceOf(
        ClaimResult.Claimed.class,
        store().claim(key, afterExtension, afterExtension.plus(PROCESSING)));
  }

  @Test
  void renew_refuses_whenTheClaimIsGoneDoneOrLapsed() {
    assertFalse(store().renew(newKey(), T0, T0.plus(PROCESSING)), "never claimed");

    IdempotencyKey completed = newKey();
    store().claim(completed, T0, T0.plus(PROCESSING));
    store().complete(completed, T0.plusSeconds(1), Optional.empty());
    assertFalse(store().renew(completed, T0.plusSeconds(2), T0.plusSeconds(30)), "completed");
    assertEquals(
        new ClaimStatus.Completed(Optional.empty()),
        takenBy(
            store().claim(completed, T0.plusSeconds(3), T0.plusSeconds(6)),
            completed,
            T0.plusSeconds(3)),
        "a refused renewal leaves a completed claim as it was");

    IdempotencyKey released = newKey();
    store().claim(released, T0, T0.plus(PROCESSING));
    store().release(released);
    assertFalse(store().renew(released, T0.plusSeconds(1), T0.plusSeconds(30)), "released");
    assertEquals(Optional.empty(), store().find(released, T0.plusSeconds(1)));

    IdempotencyKey lapsed = newKey();
    store().claim(lapsed, T0, T0.plus(PROCESSING));
    Instant afterLapse = T0.plus(PROCESSING).plusMillis(1);
    assertFalse(store().renew(lapsed, afterLapse, afterLapse.plusSeconds(30)), "lapsed");
    assertEquals(Optional.empty(), store().find(lapsed, afterLapse), "still lapsed");
  }

  @Test
  void isClaimableAgain_onlyAfterRetentionPassed() {
    IdempotencyKey key = newKey();
    store().claim(key, T0, T0.plus(PROCESSING));
    store().complete(key, T0, Optional.empty());

    Instant withinRetention = T0.plus(RETENTION).minusSeconds(2);
    assertEquals(
        new ClaimStatus.Completed(Optional.empty()),
        takenBy(
            store().claim(key, withinRetention, withinRetention.plus(PROCESSING)),
            key,
            withinRetention));

    Instant afterRetention = T0.plus(RETENTION).plusSeconds(2);
    assertEquals(Optional.empty(), store().find(key, afterRetention), "an expired claim");
    assertInstanceOf(
        ClaimResult.Claimed.class,
        store().claim(key, afterRetention, afterRetention.plus(PROCESSING)));
  }

  @Test
  void grantsExactlyOneClaim_when50ThreadsRaceForOneKey() throws Exception {
    IdempotencyKey key = newKey();
    int threads = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<ClaimResult>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return store().claim(key, T0, T0.plus(PROCESSING));
                }));
      }
      long began = System.nanoTime();
      start.countDown();
      int claimed = 0;
      int taken = 0;
      for (Future<ClaimResult> result : results) {
        ClaimResult r = result.get(60, TimeUnit.SECONDS);
        if (r instanceof ClaimResult.Claimed) {
          claimed++;
        } else if (r instanceof ClaimResult.Taken) {
          taken++;
        }
      }
      System.out.printf(
          "[race] %s: %d threads on one key -> %d claimed, %d taken in %d ms%n",
          getClass().getSimpleName(),
          threads,
          claimed,
          taken,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
      assertEquals(1, claimed, "claims granted");
      assertEquals(threads - 1, taken, "duplicates turned away");
      assertEquals(Optional.of(new ClaimStatus.InProgress()), store().find(key, T0));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void grantsExactlyOneClaimPerKey_whenTwoInstancesRaceOnManyKeys() throws Exception {
    int keyCount = 200;
    int threadsPerInstance = 4;
    List<IdempotencyKey> keys = new ArrayList<>();
    for (int i = 0; i < keyCount; i++) {
      keys.add(newKey());
    }
    Map<IdempotencyKey, AtomicInteger> winners = new ConcurrentHashMap<>();
    List<IdempotencyStore> instances = List.of(store(), otherInstance());
    ExecutorService pool = Executors.newFixedThreadPool(instances.size() * threadsPerInstance);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (IdempotencyStore instance : instances) {
        for (int t = 0; t < threadsPerInstance; t++) {
          List<IdempotencyKey> order = new ArrayList<>(keys);
          Collections.shuffle(order);
          workers.add(
              pool.submit(
                  () -> {
                    start.await();
                    for (IdempotencyKey key : order) {
                      if (instance.claim(key, T0, T0.plus(PROCESSING))
                          instanceof ClaimResult.Claimed) {
                        winners.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                      }
                    }
                    return null;
                  }));
        }
      }
      long began = System.nanoTime();
      start.countDown();
      for (Future<?> worker : workers) {
        worker.get(120, TimeUnit.SECONDS);
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
      int attempts = keyCount * instances.size() * threadsPerInstance;
      System.out.printf(
          "[race] %s: 2 instances x %d threads on %d keys -> %d keys won, max winners per key %d,"
              + " %d claims in %d ms%n",
          getClass().getSimpleName(),
          threadsPerInstance,
          keyCount,
          winners.size(),
          winners.values().stream().mapToInt(AtomicInteger::get).max().orElse(0),
          attempts,
          millis);
      for (IdempotencyKey key : keys) {
        AtomicInteger count = winners.get(key);
        assertEquals(1, count == null ? 0 : count.get(), "winners for " + key.eventId());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
