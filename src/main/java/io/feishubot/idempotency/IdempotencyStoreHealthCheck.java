package io.feishubot.idempotency;

import io.feishubot.config.FeishuConfig;
import io.feishubot.config.FeishuConfig.Idempotency.StoreKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Ready only when events can be claimed: with the DynamoDB store the table must be reachable and
 * writable ({@code ACTIVE} or {@code UPDATING}). The in-memory store is always ready.
 */
@Readiness
@ApplicationScoped
public class IdempotencyStoreHealthCheck implements HealthCheck {

  static final String NAME = "idempotency-store";

  private final FeishuConfig config;
  private final Instance<DynamoDbClient> dynamoDb;

  IdempotencyStoreHealthCheck(FeishuConfig config, Instance<DynamoDbClient> dynamoDb) {
    this.config = config;
    this.dynamoDb = dynamoDb;
  }

  @Override
  public HealthCheckResponse call() {
    FeishuConfig.Idempotency idempotency = config.idempotency();
    HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
    if (idempotency.store() == StoreKind.MEMORY) {
      return response.up().withData("store", "memory").build();
    }
    response.withData("store", "dynamodb").withData("table", idempotency.table());
    try {
      TableStatus status =
          dynamoDb.get().describeTable(d -> d.tableName(idempotency.table())).table().tableStatus();
      response.withData("tableStatus", String.valueOf(status));
      return response
          .status(status == TableStatus.ACTIVE || status == TableStatus.UPDATING)
          .build();
    } catch (SdkException e) {
      // The type is enough to act on; the message may hold account or endpoint details.
      return response.down().withData("error", e.getClass().getSimpleName()).build();
    }
  }
}
