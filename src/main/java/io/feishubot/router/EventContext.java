package io.feishubot.router;

/**
 * What an event handler sees besides the event itself. An interface the bot implements, so that new
 * facts can be added without breaking any handler.
 */
public interface EventContext {

  /** The event's id: the idempotency key of this run. */
  String eventId();

  /** The app the event was sent to ({@code cli_…}). */
  String appId();

  /** The tenant the event comes from; may be null. */
  String tenantKey();

  /** Sends, replies and updates cards on behalf of this event. */
  Messenger messenger();
}
