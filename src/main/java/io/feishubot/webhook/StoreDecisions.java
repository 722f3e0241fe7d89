package io.feishubot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feishubot.idempotency.ClaimResult;
import io.feishubot.idempotency.ClaimStatus;
import io.feishubot.idempotency.IdempotencyKey;
import io.feishubot.idempotency.IdempotencyStore;
import io.feishubot.idempotency.IdempotencyStoreUnavailableException;
import io.feishubot.router.Decision;
import io.feishubot.router.DecisionUnavailableException;
import io.feishubot.router.Decisions;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link Decisions} on the idempotency store: the first claim of {@code decision:<subject>} wins
 * (DynamoDB's conditional write in production), and the decision is stored with the completed
 * claim, so every later press reads the same one back.
 */
final class StoreDecisions implements Decisions {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long a claim that is never completed (its owner died) blocks the subject. */
  private static final Duration RECORDING = Duration.ofSeconds(5);

  private final IdempotencyStore store;
  private final String appId;
  private final Clock clock;

  StoreDecisions(IdempotencyStore store, String appId, Clock clock) {
    this.store = store;
    this.appId = appId;
    this.clock = clock;
  }

  @Override
  public Decision decide(String subject, String outcome, String decidedBy) {
    IdempotencyKey key = new IdempotencyKey(appId, "decision:" + subject);
    Instant now = clock.instant();
    try {
      return switch (store.claim(key, now, now.plus(RECORDING))) {
        case ClaimResult.Claimed claimed -> {
          Decision decision = new Decision(subject, outcome, decidedBy, now, true);
          store.complete(key, now, Optional.of(encode(decision)));
          yield decision;
        }
        case ClaimResult.Taken taken ->
            earlier(subject, taken.status().isPresent() ? taken.status() : store.find(key, now));
      };
    } catch (IdempotencyStoreUnavailableException e) {
      throw new DecisionUnavailableException("decision store unavailable");
    }
  }

  private static Decision earlier(String subject, Optional<ClaimStatus> status) {
    return switch (status.orElse(new ClaimStatus.InProgress())) {
      case ClaimStatus.Completed completed ->
          decode(
              subject,
              completed
                  .response()
                  .orElseThrow(() -> new DecisionUnavailableException("decision without record")));
      case ClaimStatus.InProgress inProgress ->
          throw new DecisionUnavailableException("another press is being recorded");
    };
  }

  private static String encode(Decision decision) {
    ObjectNode json = JSON.createObjectNode();
    json.put("outcome", decision.outcome());
    json.put("by", decision.decidedBy());
    json.put("at", decision.decidedAt().toEpochMilli());
    return json.toString();
  }

  private static Decision decode(String subject, String stored) {
    try {
      JsonNode json = JSON.readTree(stored);
      return new Decision(
          subject,
          json.path("outcome").asText(),
          json.path("by").asText(),
          Instant.ofEpochMilli(json.path("at").asLong()),
          false);
    } catch (IOException e) {
      throw new DecisionUnavailableException("stored decision unreadable");
    }
  }
}
