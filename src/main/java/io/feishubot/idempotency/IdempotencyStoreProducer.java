package io.feishubot.idempotency;

import io.feishubot.config.FeishuConfig;
import io.feishubot.config.FeishuConfig.Idempotency.StoreKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * Chooses the idempotency store named by {@code feishu.idempotency.store}, unless the application
 * declares its own. The DynamoDB client is looked up only for the {@code dynamodb} store, so the
 * default needs no AWS settings at all.
 */
@ApplicationScoped
public class IdempotencyStoreProducer {

  private static final Logger LOG = Logger.getLogger(IdempotencyStoreProducer.class);
  private static final Duration TABLE_ACTIVE_MAX_WAIT = Duration.ofMinutes(2);

  private final FeishuConfig config;
  private final Instance<DynamoDbClient> dynamoDb;

  IdempotencyStoreProducer(FeishuConfig config, Instance<DynamoDbClient> dynamoDb) {
    this.config = config;
    this.dynamoDb = dynamoDb;
  }

  /**
   * The store named by configuration. A {@code @DefaultBean}: an {@code IdempotencyStore} bean of
   * the application's own (Redis, Postgres, …) replaces it.
   */
  @Produces
  @DefaultBean
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

  /**
   * Creates the table when asked to (local runs and tests), then warms the client up: the first
   * call on a fresh client builds it, loads the SDK's marshallers and opens a connection, which can
   * take longer than the claim's timeout. Paying that at startup (or in a SnapStart snapshot) keeps
   * the first event of a cold instance from being answered 503.
   */
  void prepareAtStartup(@Observes StartupEvent startup) {
    FeishuConfig.Idempotency idempotency = config.idempotency();
    if (idempotency.store() != StoreKind.DYNAMODB) {
      return;
    }
    if (idempotency.createTable()) {
      new IdempotencyTableInitializer(dynamoDb.get(), idempotency.table(), TABLE_ACTIVE_MAX_WAIT)
          .createIfMissing();
    }
    try {
      dynamoDb
          .get()
          .getItem(
              GetItemRequest.builder()
                  .tableName(idempotency.table())
                  .key(Map.of("pk", AttributeValue.fromS("warm-up")))
                  .consistentRead(true)
                  .build());
    } catch (SdkException e) {
      // Not fatal: readiness reports the table, and events answer 503 until it is reachable.
      LOG.warnf(
          "DynamoDB table %s not reachable at startup (%s)",
          idempotency.table(), e.getClass().getSimpleName());
    }
  }
}
