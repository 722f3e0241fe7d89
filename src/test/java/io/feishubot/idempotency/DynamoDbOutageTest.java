package io.feishubot.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.feishubot.testsupport.Dynalite;
import io.feishubot.testsupport.RequiresDynalite;
import io.feishubot.testsupport.TestDynamoDbClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The store fails closed while the server is down and works again once it is back on the same port.
 * The server keeps its data on disk, as a real table outlives an outage.
 */
@RequiresDynalite
class DynamoDbOutageTest {

  private static final Duration RETENTION = Duration.ofHours(24);

  @TempDir Path data;

  @Test
  void failsClosedDuringOutage_andRecoversOnSamePort() {
    Dynalite dynalite = Dynalite.persistent(data).start();
    try (DynamoDbClient client = TestDynamoDbClients.against(dynalite, Duration.ofSeconds(1))) {
      String table = "outage";
      new IdempotencyTableInitializer(client, table, Duration.ofSeconds(30)).createIfMissing();
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      IdempotencyStore store = new DynamoDbIdempotencyStore(client, table, RETENTION, registry);
      Instant now = Instant.parse("2030-01-01T00:00:00Z");
      IdempotencyKey done = new IdempotencyKey("cli_test", "ev_done_" + UUID.randomUUID());
      IdempotencyKey during = new IdempotencyKey("cli_test", "ev_during_" + UUID.randomUUID());
      store.claim(done, now, now.plusSeconds(3));
      store.complete(done, now, Optional.empty());

      dynalite.stop();
      long began = System.nanoTime();
      IdempotencyStoreUnavailableException down =
          assertThrows(
              IdempotencyStoreUnavailableException.class,
              () -> store.claim(during, now, now.plusSeconds(3)));
      long failMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
      System.out.printf("[outage] claim failed after %d ms: %s%n", failMillis, down.getMessage());
      assertTrue(failMillis < 2_500, "fails within the ack deadline, took " + failMillis + " ms");
      assertFalse(down.getMessage().contains(during.eventId()), "no key in the message");
      assertTrue(down.getMessage().contains("claim"), down.getMessage());
      assertThrows(
          IdempotencyStoreUnavailableException.class,
          () -> store.complete(during, now, Optional.empty()));
      assertThrows(IdempotencyStoreUnavailableException.class, () -> store.release(during));
      assertThrows(IdempotencyStoreUnavailableException.class, () -> store.find(done, now));
      assertEquals(
          4.0,
          registry.find("feishu.idempotency.calls").tag("outcome", "error").counters().stream()
              .mapToDouble(c -> c.count())
              .sum());

      int port = dynalite.port();
      dynalite.start();
      assertEquals(port, dynalite.port());
      Instant redelivery = now.plusSeconds(15);
      assertEquals(
          new ClaimResult.Taken(Optional.empty()),
          store.claim(done, redelivery, redelivery.plusSeconds(3)),
          "state from before the outage");
      assertEquals(
          Optional.of(new ClaimStatus.Completed(Optional.empty())),
          store.find(done, redelivery),
          "state from before the outage");
      assertInstanceOf(
          ClaimResult.Claimed.class,
          store.claim(during, redelivery, redelivery.plusSeconds(3)),
          "the redelivery of the event that met the outage runs");
      assertInstanceOf(
          ClaimResult.Taken.class,
          store.claim(during, redelivery, redelivery.plusSeconds(3)),
          "and runs once");
      assertEquals(Optional.of(new ClaimStatus.InProgress()), store.find(during, redelivery));
    } finally {
      dynalite.stop();
    }
  }
}
