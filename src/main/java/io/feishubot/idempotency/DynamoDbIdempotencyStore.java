package io.feishubot.idempotency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Claims shared by every instance through one DynamoDB table. A claim is a single conditional
 * {@code PutItem}; losing the condition is a domain result, not an error, and costs no read: a
 * duplicate is one call on every DynamoDB-protocol server. {@link #find} reads the holder's state
 * with a consistent {@code GetItem} for the callers that need it. Any other failure becomes {@link
 * IdempotencyStoreUnavailableException}, so no event is processed without a claim.
 *
 * <p>Item: {@code pk} (S) the key, {@code status} {@code IN_PROGRESS}|{@code COMPLETED}, {@code
 * expiresAt} (N, epoch seconds, the table's TTL attribute), {@code inProgressExpiry} (N, epoch
 * millis) and an optional {@code response} (S).
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {

  /**
   * A claim succeeds when there is no item, when its retention passed (TTL deletion lags by up to
   * days, so an expired item may still be there), or when its owner died while in progress.
   */
  public static final String CLAIM_CONDITION =
      "attribute_not_exists(#pk) OR #expiresAt < :now"
          + " OR (#status = :inProgress AND #inProgressExpiry < :nowMs)";

  /**
   * A renewal succeeds only while the claim is in progress and has not lapsed: a completed or
   * released job is not revived, and a lapsed lease may belong to another worker by now.
   */
  public static final String RENEW_CONDITION =
      "#status = :inProgress AND #inProgressExpiry >= :nowMs";

  static final String PK = "pk";
  static final String STATUS = "status";
  static final String EXPIRES_AT = "expiresAt";
  static final String IN_PROGRESS_EXPIRY = "inProgressExpiry";
  static final String RESPONSE = "response";
  static final String IN_PROGRESS = "IN_PROGRESS";
  static final String COMPLETED = "COMPLETED";

  static final String CALLS_METRIC = "feishu.idempotency.calls";
  static final String LATENCY_METRIC = "feishu.idempotency.latency";

  private final DynamoDbClient client;
  private final String table;
  private final Duration retention;
  private final MeterRegistry registry;

  public DynamoDbIdempotencyStore(
      DynamoDbClient client, String table, Duration retention, MeterRegistry registry) {
    this.client = Objects.requireNonNull(client, "client");
    this.table = Objects.requireNonNull(table, "table");
    this.retention = Objects.requireNonNull(retention, "retention");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public ClaimResult claim(IdempotencyKey key, Instant now, Instant inProgressUntil) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PK, s(key.value()));
    item.put(STATUS, s(IN_PROGRESS));
    item.put(EXPIRES_AT, n(now.plus(retention).getEpochSecond()));
    item.put(IN_PROGRESS_EXPIRY, n(inProgressUntil.toEpochMilli()));
    try {
      call(
          "claim",
          () ->
              client.putItem(
                  put ->
                      put.tableName(table)
                          .item(item)
                          .conditionExpression(CLAIM_CONDITION)
                          .expressionAttributeNames(
                              Map.of(
                                  "#pk", PK,
                                  "#expiresAt", EXPIRES_AT,
                                  "#status", STATUS,
                                  "#inProgressExpiry", IN_PROGRESS_EXPIRY))
                          .expressionAttributeValues(
                              Map.of(
                                  ":now", n(now.getEpochSecond()),
                                  ":nowMs", n(now.toEpochMilli()),
                                  ":inProgress", s(IN_PROGRESS)))
                          // AWS puts the blocking item into the exception, for free. Servers
                          // that ignore this (dynalite) leave the status unknown: no extra read.
                          .returnValuesOnConditionCheckFailure(
                              ReturnValuesOnConditionCheckFailure.ALL_OLD)));
      return new ClaimResult.Claimed();
    } catch (ConditionalCheckFailedException taken) {
      // Taken even if no item came back: a failed write never counts as a claim.
      Optional<ClaimStatus> status =
          taken.hasItem() && !taken.item().isEmpty()
              ? Optional.of(statusOf(taken.item()))
              : Optional.empty();
      return new ClaimResult.Taken(status);
    }
  }

  @Override
  public Optional<ClaimStatus> find(IdempotencyKey key, Instant now) {
    Map<String, AttributeValue> item =
        call(
                "read",
                () ->
                    client.getItem(
                        g ->
                            g.tableName(table)
                                .key(Map.of(PK, s(key.value())))
                                .consistentRead(true)))
            .item();
    if (item == null || item.isEmpty() || isFree(item, now)) {
      return Optional.empty();
    }
    return Optional.of(statusOf(item));
  }

  @Override
  public void complete(IdempotencyKey key, Instant now, Optional<String> response) {
    Map<String, String> names = new HashMap<>();
    names.put("#status", STATUS);
    names.put("#expiresAt", EXPIRES_AT);
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":completed", s(COMPLETED));
    values.put(":expiresAt", n(now.plus(retention).getEpochSecond()));
    StringBuilder update = new StringBuilder("SET #status = :completed, #expiresAt = :expiresAt");
    response.ifPresent(
        r -> {
          names.put("#response", RESPONSE);
          values.put(":response", s(r));
          update.append(", #response = :response");
        });
    call(
        "complete",
        () ->
            client.updateItem(
                u ->
                    u.tableName(table)
                        .key(Map.of(PK, s(key.value())))
                        .updateExpression(update.toString())
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)));
  }

  @Override
  public boolean renew(IdempotencyKey key, Instant now, Instant inProgressUntil) {
    try {
      call(
          "renew",
          () ->
              client.updateItem(
                  u ->
                      u.tableName(table)
                          .key(Map.of(PK, s(key.value())))
                          .updateExpression("SET #inProgressExpiry = :inProgressUntil")
                          .conditionExpression(RENEW_CONDITION)
                          .expressionAttributeNames(
                              Map.of("#status", STATUS, "#inProgressExpiry", IN_PROGRESS_EXPIRY))
                          .expressionAttributeValues(
                              Map.of(
                                  ":inProgress", s(IN_PROGRESS),
                                  ":nowMs", n(now.toEpochMilli()),
                                  ":inProgressUntil", n(inProgressUntil.toEpochMilli())))));
      return true;
    } catch (ConditionalCheckFailedException gone) {
      return false;
    }
  }

  @Override
  public void release(IdempotencyKey key) {
    call(
        "release",
        () -> client.deleteItem(d -> d.tableName(table).key(Map.of(PK, s(key.value())))));
  }

  /** The claim condition read in reverse: would a claim at {@code now} take this item over? */
  private static boolean isFree(Map<String, AttributeValue> item, Instant now) {
    return number(item, EXPIRES_AT) < now.getEpochSecond()
        || (isInProgress(item) && number(item, IN_PROGRESS_EXPIRY) < now.toEpochMilli());
  }

  private static boolean isInProgress(Map<String, AttributeValue> item) {
    AttributeValue status = item.get(STATUS);
    return status != null && IN_PROGRESS.equals(status.s());
  }

  /** Missing numbers never make an item free: an item we cannot read keeps blocking. */
  private static long number(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.n() == null ? Long.MAX_VALUE : Long.parseLong(value.n());
  }

  /** Anything not {@code COMPLETED} may still be running: never run an event twice. */
  private static ClaimStatus statusOf(Map<String, AttributeValue> item) {
    AttributeValue status = item.get(STATUS);
    if (status != null && COMPLETED.equals(status.s())) {
      AttributeValue response = item.get(RESPONSE);
      return new ClaimStatus.Completed(Optional.ofNullable(response).map(AttributeValue::s));
    }
    return new ClaimStatus.InProgress();
  }

  private <T> T call(String operation, Supplier<T> request) {
    long start = System.nanoTime();
    try {
      T result = request.get();
      count(operation, "ok");
      return result;
    } catch (ConditionalCheckFailedException e) {
      count(operation, "conditional_failed");
      throw e;
    } catch (RuntimeException e) {
      // Mostly SdkException; but the URL-connection client can surface a timeout that interrupts
      // a read as a bare RuntimeException (wrapping an NPE from HttpURLConnection). Any failure
      // here means the store could not answer, and the event must not run without a claim.
      count(operation, "error");
      throw unavailable(operation, e);
    } finally {
      Timer.builder(LATENCY_METRIC)
          .tag("operation", operation)
          .register(registry)
          .record(Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private IdempotencyStoreUnavailableException unavailable(String operation, RuntimeException e) {
    // Only the operation, the table and the exception type: no keys, payloads or credentials.
    return new IdempotencyStoreUnavailableException(
        "DynamoDB " + operation + " on table " + table + " failed: " + e.getClass().getSimpleName(),
        e);
  }

  private void count(String operation, String outcome) {
    Counter.builder(CALLS_METRIC)
        .description("DynamoDB calls made by the idempotency store")
        .tag("operation", operation)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
