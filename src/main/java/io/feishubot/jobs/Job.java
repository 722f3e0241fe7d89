package io.feishubot.jobs;

import io.feishubot.feishu.MessageReceived;
import io.feishubot.router.CommandLine;
import java.time.Instant;
import java.util.Objects;

/**
 * A deferred command's run: everything needed to run it where it is picked up, in this JVM or in
 * another invocation of the function. Its identity is the event it answers.
 *
 * @param appId the app the event was sent to
 * @param eventId the event's id: the job's idempotency key and the seed of its reply uuids
 * @param command the command as typed
 * @param message the message that carried the command
 * @param sender who sent it
 * @param acknowledgedAt when the delivery was acknowledged; the job's timeout counts from here
 */
public record Job(
    String appId,
    String eventId,
    CommandLine command,
    MessageReceived.Message message,
    MessageReceived.Sender sender,
    Instant acknowledgedAt) {

  public Job {
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(acknowledgedAt, "acknowledgedAt");
  }
}
