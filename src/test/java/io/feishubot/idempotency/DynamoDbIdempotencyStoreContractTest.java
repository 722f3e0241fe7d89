package io.feishubot.idempotency;

import io.feishubot.testsupport.Dynalite;
import io.feishubot.testsupport.RequiresDynalite;
import io.feishubot.testsupport.TestDynamoDbClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The contract against a real DynamoDB-protocol server, with two clients as two app instances. */
@RequiresDynalite
class DynamoDbIdempotencyStoreContractTest extends IdempotencyStoreContractTest {

  private static Dynalite dynalite;
  private static DynamoDbClient client;
  private static DynamoDbClient otherClient;
  private static String table;

  @BeforeAll
  static void startServerAndCreateTable() {
    dynalite = Dynalite.inMemory().start();
    client = TestDynamoDbClients.against(dynalite);
    otherClient = TestDynamoDbClients.against(dynalite);
    table = "contract-" + System.nanoTime();
    new IdempotencyTableInitializer(client, table, Duration.ofSeconds(30)).createIfMissing();
  }

  @AfterAll
  static void stopServer() {
    client.close();
    otherClient.close();
    dynalite.stop();
  }

  @Override
  IdempotencyStore store() {
    return new DynamoDbIdempotencyStore(client, table, RETENTION, new SimpleMeterRegistry());
  }

  @Override
  IdempotencyStore otherInstance() {
    return new DynamoDbIdempotencyStore(otherClient, table, RETENTION, new SimpleMeterRegistry());
  }
}
