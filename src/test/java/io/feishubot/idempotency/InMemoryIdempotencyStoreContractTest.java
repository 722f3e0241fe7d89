package io.feishubot.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryIdempotencyStoreContractTest extends IdempotencyStoreContractTest {

  private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(RETENTION);

  @Override
  IdempotencyStore store() {
    return store;
  }

  @Override
  IdempotencyStore otherInstance() {
    return store;
  }

  /** The map holds the blocking entry already, so a lost claim says what it is. */
  @Test
  void reportsHolderStatus_inTheLostClaim() {
    IdempotencyKey key = newKey();
    store.claim(key, T0, T0.plus(PROCESSING));
    Instant later = T0.plusSeconds(1);
    assertEquals(
        new ClaimResult.Taken(Optional.of(new ClaimStatus.InProgress())),
        store.claim(key, later, later.plus(PROCESSING)));

    store.complete(key, later, Optional.of("card"));
    assertEquals(
        new ClaimResult.Taken(Optional.of(new ClaimStatus.Completed(Optional.of("card")))),
        store.claim(key, later, later.plus(PROCESSING)));
  }
}
