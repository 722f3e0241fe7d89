package io.feishubot.idempotency;

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
}
