package io.feishubot.idempotency;

import java.util.Optional;

/** What a claim attempt found: the caller either owns the event now or must not process it. */
public sealed interface ClaimResult {

  /** The caller holds the claim and must either complete or release it. */
  record Claimed() implements ClaimResult {}

  /** Another delivery of the same event is being processed right now. */
  record InProgress() implements ClaimResult {}

  /** The event was processed already; a stored response, if any, can be replayed. */
  record Completed(Optional<String> response) implements ClaimResult {}
}
