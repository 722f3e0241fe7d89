package io.feishubot.router;

/**
 * The first decision about a subject wins, across presses, people and instances (a conditional
 * write in the idempotency store: DynamoDB in production). Blocks on the store.
 */
public interface Decisions {

  /**
   * Records {@code outcome} for {@code subject} by {@code decidedBy}, unless a decision about it
   * was recorded before; returns the decision in force either way.
   *
   * @throws DecisionUnavailableException when the store cannot answer, or another press of the same
   *     subject is being recorded at this moment: nothing was decided, the person should try again
   */
  Decision decide(String subject, String outcome, String decidedBy);
}
