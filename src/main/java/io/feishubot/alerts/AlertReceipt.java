package io.feishubot.alerts;

/**
 * How the receiver dealt with a notification; the HTTP adapter maps each to a status. Everything
 * that leaves the card unposted is a 5xx, so that Alertmanager sends the notification again.
 */
public sealed interface AlertReceipt {

  /** Posted, updated, or already shown as it is: 200. */
  record Delivered(Outcome outcome) implements AlertReceipt {}

  /** Wrong or missing bearer token: 401. */
  record Unauthorized() implements AlertReceipt {}

  /** Not a webhook payload, or a bad {@code chat_id}: 400. */
  record Malformed() implements AlertReceipt {}

  /** Neither a chat nor a custom bot to post to: 500 until someone configures one. */
  record NotConfigured() implements AlertReceipt {}

  /** Feishu or the store failed, or the group is busy: 503, and Alertmanager retries. */
  record RetryLater() implements AlertReceipt {}

  /** What a delivered notification did. */
  enum Outcome {
    POSTED,
    UPDATED,
    UNCHANGED
  }
}
