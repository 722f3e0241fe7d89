package io.feishubot.idempotency;

import io.feishubot.config.FeishuConfig;
import io.feishubot.config.FeishuConfig.Idempotency.StoreKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Chooses the idempotency store named by {@code feishu.idempotency.store}. The DynamoDB client is
 * looked up only for the {@code dynamodb} store, so the default needs no AWS settings at all.
 */
@ApplicationScoped
public class IdempotencyStoreProducer {

  private static final Duration TABLE_ACTIVE_MAX_WAIT = Duration.ofMinutes(2);

  private final FeishuConfig config;
  private final Instance<DynamoDbClient> dynamoDb;

  IdempotencyStoreProducer(FeishuConfig config, Instance<DynamoDbClient> dynamoDb) {
    this.config = config;
    this.dynamoDb = dynamoDb;
  }

  @Produces
  @ApplicationScoped
  IdempotencyStore idempotencyStore(MeterRegistry registry) {
    FeishuConfig.Idempotency idempotency = config.idempotency();
    return switch (idempotency.store()) {
      case MEMORY -> new InMemoryIdempotencyStore(idempotency.ttl());
      case DYNAMODB ->
          new DynamoDbIdempotencyStore(
              dynamoDb.get(), idempotency.table(), idempotency.ttl(), registry);
    };
  }

  /** Creates the table before the app reports ready, when asked to (local runs and tests). */
  void createTableIfAsked(@Observes StartupEvent startup) {
    FeishuConfig.Idempotency idempotency = config.idempotency();
    if (idempotency.store() == StoreKind.DYNAMODB && idempotency.createTable()) {
      new IdempotencyTableInitializer(dynamoDb.get(), idempotency.table(), TABLE_ACTIVE_MAX_WAIT)
          .createIfMissing();
    }
  }
}
