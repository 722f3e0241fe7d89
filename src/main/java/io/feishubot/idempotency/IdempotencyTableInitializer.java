package io.feishubot.idempotency;

import java.time.Duration;
import java.util.Objects;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Creates the idempotency table when it is missing, for local runs and tests. Production tables
 * come from infrastructure code, which also enables TTL on {@code expiresAt} (dynalite cannot).
 */
public final class IdempotencyTableInitializer {

  private static final Logger LOG = Logger.getLogger(IdempotencyTableInitializer.class);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

  private final DynamoDbClient client;
  private final String table;
  private final Duration maxWait;

  public IdempotencyTableInitializer(DynamoDbClient client, String table, Duration maxWait) {
    this.client = Objects.requireNonNull(client, "client");
    this.table = Objects.requireNonNull(table, "table");
    this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
  }

  /**
   * Creates the table (hash key {@code pk}, on demand) unless it exists, then waits until it is
   * {@code ACTIVE}. Returns whether this call created it.
   */
  public boolean createIfMissing() {
    boolean created = false;
    if (!exists()) {
      try {
        client.createTable(
            c ->
                c.tableName(table)
                    .attributeDefinitions(
                        AttributeDefinition.builder()
                            .attributeName(DynamoDbIdempotencyStore.PK)
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .keySchema(
                        KeySchemaElement.builder()
                            .attributeName(DynamoDbIdempotencyStore.PK)
                            .keyType(KeyType.HASH)
                            .build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
        created = true;
        LOG.infof("Created idempotency table %s", table);
      } catch (ResourceInUseException raced) {
        // Another instance created it between our check and our request: wait for it like ours.
      }
    }
    awaitActive();
    return created;
  }

  private boolean exists() {
    try {
      client.describeTable(d -> d.tableName(table));
      return true;
    } catch (ResourceNotFoundException missing) {
      return false;
    }
  }

  /** Polls itself: the SDK waiter's first poll comes 20 s late. */
  private void awaitActive() {
    long deadline = System.nanoTime() + maxWait.toNanos();
    while (true) {
      TableStatus status = client.describeTable(d -> d.tableName(table)).table().tableStatus();
      if (status == TableStatus.ACTIVE) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            "Idempotency table " + table + " not ACTIVE after " + maxWait + " (" + status + ")");
      }
      try {
        Thread.sleep(POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for table " + table, e);
      }
    }
  }
}
