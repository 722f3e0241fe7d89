package io.feishubot.router;

import java.time.Instant;
import java.util.Objects;

/**
 * A decision recorded once: what was decided about {@code subject}, by whom, when.
 *
 * @param outcome the decision in words, e.g. "Approved"
 * @param decidedBy the open_id of who decided
 * @param byThisCall whether this call made it, or found one made earlier
 */
public record Decision(
    String subject, String outcome, String decidedBy, Instant decidedAt, boolean byThisCall) {

  public Decision {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(decidedBy, "decidedBy");
    Objects.requireNonNull(decidedAt, "decidedAt");
  }
}
