package io.feishubot.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.feishubot.testsupport.Dynalite;
import io.feishubot.testsupport.RequiresDynalite;
import io.feishubot.testsupport.TestDynamoDbClients;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** What only the DynamoDB store has: the wire request, its call budget, and fail-closed outages. */
@RequiresDynalite
class DynamoDbIdempotencyStoreTest {

  private static final Duration RETENTION = Duration.ofHours(24);
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  private static Dynalite dynalite;
  private static final RecordingInterceptor wire = new RecordingInterceptor();
  private static DynamoDbClient client;
  private static String table;

  private SimpleMeterRegistry registry;
  private DynamoDbIdempotencyStore store;

  @BeforeAll
  static void startServer() {
    dynalite = Dynalite.inMemory().start();
    client = TestDynamoDbClients.against(dynalite, wire);
    table = "store-" + System.nanoTime();
    new IdempotencyTableInitializer(client, table, Duration.ofSeconds(30)).createIfMissing();
  }

  @AfterAll
  static void stopServer() {
    client.close();
    dynalite.stop();
  }

  @BeforeEach
  void newStore() {
    registry = new SimpleMeterRegistry();
    store = new DynamoDbIdempotencyStore(client, table, RETENTION, registry);
    wire.reset();
  }

  @AfterEach
  void noFakeAwsBehaviour() {
    wire.oldItemOnConditionFailure.set(null);
  }

  @Test
  void claimsWithOneConditionalPut_usingExpressionAttributeNames() {
    IdempotencyKey key = newKey();
    store.claim(key, T0, T0.plusSeconds(3));

    assertEquals(1, wire.requests.size());
    PutItemRequest put = assertInstanceOf(PutItemRequest.class, wire.requests.get(0));
    assertEquals(
        "attribute_not_exists(#pk) OR #expiresAt < :now"
            + " OR (#status = :inProgress AND #inProgressExpiry < :nowMs)",
        put.conditionExpression());
    assertEquals(
        Map.of(
            "#pk", "pk",
            "#expiresAt", "expiresAt",
            "#status", "status",
            "#inProgressExpiry", "inProgressExpiry"),
        put.expressionAttributeNames());
    assertEquals(
        Map.of(
            ":now", AttributeValue.fromN(Long.toString(T0.getEpochSecond())),
            ":nowMs", AttributeValue.fromN(Long.toString(T0.toEpochMilli())),
            ":inProgress", AttributeValue.fromS("IN_PROGRESS")),
        put.expressionAttributeValues());
    assertEquals(
        ReturnValuesOnConditionCheckFailure.ALL_OLD, put.returnValuesOnConditionCheckFailure());
    assertEquals(
        Map.of(
            "pk", AttributeValue.fromS(key.value()),
            "status", AttributeValue.fromS("IN_PROGRESS"),
            "expiresAt", AttributeValue.fromN(Long.toString(T0.plus(RETENTION).getEpochSecond())),
            "inProgressExpiry",
                AttributeValue.fromN(Long.toString(T0.plusSeconds(3).toEpochMilli()))),
        put.item());
  }

  @Test
  void renewsWithOneConditionalUpdate_ofTheInProgressExpiryOnly() {
    IdempotencyKey key = newKey();
    store.claim(key, T0, T0.plusSeconds(3));
    wire.reset();

    assertTrue(store.renew(key, T0.plusSeconds(1), T0.plusSeconds(31)));

    assertEquals(1, wire.requests.size());
    UpdateItemRequest update = assertInstanceOf(UpdateItemRequest.class, wire.requests.get(0));
    assertEquals(
        "#status = :inProgress AND #inProgressExpiry >= :nowMs", update.conditionExpression());
    assertEquals("SET #inProgressExpiry = :inProgressUntil", update.updateExpression());
    assertEquals(
        Map.of("#status", "status", "#inProgressExpiry", "inProgressExpiry"),
        update.expressionAttributeNames());
    assertEquals(
        Map.of(
            ":inProgress", AttributeValue.fromS("IN_PROGRESS"),
            ":nowMs", AttributeValue.fromN(Long.toString(T0.plusSeconds(1).toEpochMilli())),
            ":inProgressUntil",
                AttributeValue.fromN(Long.toString(T0.plusSeconds(31).toEpochMilli()))),
        update.expressionAttributeValues());
    assertEquals(Map.of("pk", AttributeValue.fromS(key.value())), update.key());
    assertEquals(1.0, calls("renew", "ok"));
  }

  @Test
  void renewOfACompletedClaim_isAConditionFailure_notAnOutage() {
    IdempotencyKey key = newKey();
    store.claim(key, T0, T0.plusSeconds(3));
    store.complete(key, T0.plusSeconds(1), Optional.empty());

    assertFalse(store.renew(key, T0.plusSeconds(2), T0.plusSeconds(32)));
    assertEquals(1.0, calls("renew", "conditional_failed"));
  }

  @Test
  void spendsTwoCalls_onNewEvent() {
    IdempotencyKey key = newKey();
    store.claim(key, T0, T0.plusSeconds(3));
    store.complete(key, T0.plusSeconds(1), Optional.empty());

    assertEquals(1.0, calls("claim", "ok"));
    assertEquals(1.0, calls("complete", "ok"));
    assertEquals(2.0, totalCalls());
    assertEquals(2, wire.requests.size(), "requests sent");
    assertEquals(2, wire.transmissions.get(), "HTTP requests on the wire");
    assertEquals(1, latency("claim").count());
    assertEquals(1, latency("complete").count());
    System.out.printf(
        "[calls] new event on dynalite: %d DynamoDB calls%n", wire.transmissions.get());
  }

  /** dynalite ignores ReturnValuesOnConditionCheckFailure; the store still reads nothing. */
  @Test
  void spendsOneCall_onDuplicate_afterCompletion() {
    IdempotencyKey key = newKey();
    store.claim(key, T0, T0.plusSeconds(3));
    store.complete(key, T0.plusSeconds(1), Optional.of("reply"));
    registry.clear();
    wire.reset();

    ClaimResult duplicate = store.claim(key, T0.plusSeconds(15), T0.plusSeconds(18));

    assertEquals(new ClaimResult.Taken(Optional.empty()), duplicate);
    assertOneFailedPutOnly("duplicate of a completed event");
  }

  @Test
  void spendsOneCall_onDuplicate_whileInProgress() {
    IdempotencyKey key = newKey();
    store.claim(key, T0, T0.plusSeconds(3));
    registry.clear();
    wire.reset();

    ClaimResult duplicate = store.claim(key, T0.plusSeconds(1), T0.plusSeconds(4));

    assertEquals(new ClaimResult.Taken(Optional.empty()), duplicate);
    assertOneFailedPutOnly("duplicate while in progress");
  }

  /** As AWS answers: the blocking item rides in the exception, and the claim says what it is. */
  @Test
  void reportsHolderStatus_inOneCall_whenServerReturnsOldItem() {
    IdempotencyKey key = newKey();
    store.claim(key, T0, T0.plusSeconds(3));
    registry.clear();
    wire.reset();
    wire.oldItemOnConditionFailure.set(
        Map.of(
            "pk", AttributeValue.fromS(key.value()),
            "status", AttributeValue.fromS("COMPLETED"),
            "response", AttributeValue.fromS("from-exception")));

    ClaimResult duplicate = store.claim(key, T0.plusSeconds(1), T0.plusSeconds(4));

    assertEquals(
        new ClaimResult.Taken(
            Optional.of(new ClaimStatus.Completed(Optional.of("from-exception")))),
        duplicate);
    assertOneFailedPutOnly("duplicate with the old item returned");
  }

  @Test
  void findsWithOneConsistentGetItem() {
    IdempotencyKey key = newKey();
    store.claim(key, T0, T0.plusSeconds(3));
    store.complete(key, T0.plusSeconds(1), Optional.of("reply"));
    registry.clear();
    wire.reset();

    assertEquals(
        Optional.of(new ClaimStatus.Completed(Optional.of("reply"))),
        store.find(key, T0.plusSeconds(15)));

    assertEquals(1, wire.requests.size(), "requests sent");
    GetItemRequest get = assertInstanceOf(GetItemRequest.class, wire.requests.get(0));
    assertEquals(true, get.consistentRead(), "a duplicate may have just written it");
    assertEquals(1.0, calls("read", "ok"));
    assertEquals(1.0, totalCalls());
  }

  @Test
  void staysTaken_whenPutFailsWithoutOldItem_evenIfNothingIsStored() {
    IdempotencyKey key = newKey();
    // The put fails (as if someone held the key) but nothing is stored when we look.
    wire.conditionFailureWithoutWrite.set(true);
    try {
      assertEquals(
          new ClaimResult.Taken(Optional.empty()), store.claim(key, T0, T0.plusSeconds(3)));
    } finally {
      wire.conditionFailureWithoutWrite.set(false);
    }
    assertEquals(Optional.empty(), store.find(key, T0));
  }

  private void assertOneFailedPutOnly(String what) {
    assertEquals(1.0, calls("claim", "conditional_failed"));
    assertEquals(1.0, totalCalls(), "calls counted");
    assertEquals(1, wire.requests.size(), "requests sent");
    assertInstanceOf(PutItemRequest.class, wire.requests.get(0));
    assertEquals(1, wire.transmissions.get(), "HTTP requests on the wire");
    System.out.printf(
        "[calls] %s on dynalite: %d DynamoDB calls%n", what, wire.transmissions.get());
  }

  @Test
  void storesResponseAndRetention_onComplete() {
    IdempotencyKey key = newKey();
    store.claim(key, T0, T0.plusSeconds(3));
    Instant done = T0.plusSeconds(2);
    store.complete(key, done, Optional.of("card"));

    Map<String, AttributeValue> item =
        client
            .getItem(g -> g.tableName(table).key(Map.of("pk", AttributeValue.fromS(key.value()))))
            .item();
    assertEquals("COMPLETED", item.get("status").s());
    assertEquals(Long.toString(done.plus(RETENTION).getEpochSecond()), item.get("expiresAt").n());
    assertEquals("card", item.get("response").s());
  }

  @Test
  void deletesItem_onRelease() {
    IdempotencyKey key = newKey();
    store.claim(key, T0, T0.plusSeconds(3));
    store.release(key);

    assertFalse(
        client
            .getItem(g -> g.tableName(table).key(Map.of("pk", AttributeValue.fromS(key.value()))))
            .hasItem());
    assertEquals(1.0, calls("release", "ok"));
  }

  @Test
  void createsTableOnce_andWaitsUntilActive() {
    String fresh = "created-" + System.nanoTime();
    IdempotencyTableInitializer initializer =
        new IdempotencyTableInitializer(client, fresh, Duration.ofSeconds(30));

    assertTrue(initializer.createIfMissing(), "first call creates");
    var description = client.describeTable(d -> d.tableName(fresh)).table();
    assertEquals("ACTIVE", description.tableStatusAsString());
    assertEquals("pk", description.keySchema().get(0).attributeName());
    assertEquals("HASH", description.keySchema().get(0).keyTypeAsString());
    assertEquals("S", description.attributeDefinitions().get(0).attributeTypeAsString());
    assertFalse(initializer.createIfMissing(), "second call finds it");
  }

  private double calls(String operation, String outcome) {
    Counter counter =
        registry
            .find("feishu.idempotency.calls")
            .tag("operation", operation)
            .tag("outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private double totalCalls() {
    return registry.find("feishu.idempotency.calls").counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private Timer latency(String operation) {
    return registry.get("feishu.idempotency.latency").tag("operation", operation).timer();
  }

  private static IdempotencyKey newKey() {
    return new IdempotencyKey("cli_test", "ev_" + UUID.randomUUID());
  }

  /**
   * Records every API call the client makes, and can answer like AWS does where dynalite differs.
   */
  static final class RecordingInterceptor implements ExecutionInterceptor {
    final List<SdkRequest> requests = new CopyOnWriteArrayList<>();

    /** HTTP requests sent, retries included: what the server is billed for. */
    final AtomicInteger transmissions = new AtomicInteger();

    final AtomicReference<Map<String, AttributeValue>> oldItemOnConditionFailure =
        new AtomicReference<>();
    final AtomicReference<Boolean> conditionFailureWithoutWrite = new AtomicReference<>(false);

    void reset() {
      requests.clear();
      transmissions.set(0);
    }

    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      transmissions.incrementAndGet();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      requests.add(context.request());
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
      if (conditionFailureWithoutWrite.get() && context.request() instanceof PutItemRequest put) {
        // Only an existing item can meet this, so on a new key the put fails and writes nothing.
        return put.toBuilder()
            .conditionExpression(
                "attribute_exists(#pk) AND (#expiresAt < :now"
                    + " OR (#status = :inProgress AND #inProgressExpiry < :nowMs))")
            .build();
      }
      return context.request();
    }

    @Override
    public Throwable modifyException(
        Context.FailedExecution context, ExecutionAttributes attributes) {
      Map<String, AttributeValue> oldItem = oldItemOnConditionFailure.get();
      if (oldItem != null && context.exception() instanceof ConditionalCheckFailedException) {
        return ConditionalCheckFailedException.builder()
            .message("The conditional request failed")
            .statusCode(400)
            .item(oldItem)
            .build();
      }
      return context.exception();
    }
  }
}
