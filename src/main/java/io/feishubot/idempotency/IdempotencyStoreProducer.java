package io.feishubot.idempotency;

import io.feishubot.config.FeishuConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Chooses the idempotency store named by {@code feishu.idempotency.store}. */
@ApplicationScoped
public class IdempotencyStoreProducer {

  @Produces
  @ApplicationScoped
  IdempotencyStore idempotencyStore(FeishuConfig config) {
    return switch (config.idempotency().store()) {
      case MEMORY -> new InMemoryIdempotencyStore(config.idempotency().ttl());
      case DYNAMODB -> throw new IllegalStateException("the dynamodb store is not built yet");
    };
  }
}
