package io.feishubot.webhook;

/** How the endpoint answers one delivery; the HTTP adapter maps each case to a response. */
public sealed interface WebhookResult {

  /** A URL verification: echo the challenge. */
  record Challenge(String challenge) implements WebhookResult {}

  /** Acknowledge with 200 so Feishu stops delivering this event. */
  record Acknowledged(Outcome outcome) implements WebhookResult {}

  /** Answer a card callback with 200 and {@code body}: a toast, a card, both, or {@code {}}. */
  record CallbackAnswer(Outcome outcome, String body) implements WebhookResult {}

  /** Refuse with a 4xx: the delivery is not authentic or not well-formed. */
  record Rejected(RejectReason reason) implements WebhookResult {}

  /** Answer 503: the event could not be processed now, and Feishu's redelivery should retry it. */
  record RetryLater(String reason) implements WebhookResult {}

  /** The 200 outcomes. */
  enum Outcome {
    ACCEPTED,
    DUPLICATE,
    IGNORED,
    /** Authentic, but it cannot be read and never will: counted, and not redelivered. */
    MALFORMED,
    /** A card press answered with an error toast: nothing was applied. */
    FAILED;

    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
