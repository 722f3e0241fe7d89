package io.feishubot.idempotency;

import java.util.Optional;

/** The state of a live claim that another delivery holds: the {@code status} of the stored item. */
public sealed interface ClaimStatus {

  /** The other delivery is being processed right now. */
  record InProgress() implements ClaimStatus {}

  /** The event was processed already; a stored response, if any, can be replayed. */
  record Completed(Optional<String> response) implements ClaimStatus {}
}
