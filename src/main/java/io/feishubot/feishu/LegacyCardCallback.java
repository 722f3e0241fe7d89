package io.feishubot.feishu;

import java.util.Objects;

/**
 * A legacy card callback ({@code card.action.trigger_v1}): a flat body with no schema, header or
 * event id, signed with SHA-1 keyed by the Verification Token ({@link CardSignature}). Its action
 * is read into the same record as a new-style callback's.
 *
 * @param event the action, or an {@link UnreadableEvent} when the body lacks what it needs
 */
public record LegacyCardCallback(FeishuEvent event) implements Envelope {

  /** The type under which legacy callbacks are logged and counted. */
  public static final String EVENT_TYPE = "card.action.trigger_v1";

  public LegacyCardCallback {
    Objects.requireNonNull(event, "event");
  }
}
