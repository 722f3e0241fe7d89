package io.feishubot.idempotency;

import java.util.Optional;

/** What a claim attempt found: the caller either owns the event now or must not process it. */
public sealed interface ClaimResult {

  /** The caller holds the claim and must either complete or release it. */
  record Claimed() implements ClaimResult {}

  /**
   * Another delivery of the same event holds the claim or has completed it; the caller must not
   * process the event. {@code status} is what the store learnt without spending another call (the
   * in-memory store always knows; DynamoDB returns the blocking item with the failed write, but not
   * every DynamoDB-protocol server does). A caller that needs the status, for instance to replay a
   * stored response, asks {@link IdempotencyStore#find} when it is empty.
   */
  record Taken(Optional<ClaimStatus> status) implements ClaimResult {}
}
