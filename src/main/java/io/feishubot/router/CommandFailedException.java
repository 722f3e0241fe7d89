package io.feishubot.router;

import io.feishubot.message.Message;
import java.util.Objects;

/**
 * Thrown by a command's {@code handle} to fail with a reply of its own, such as "/deploy failed:
 * the endpoint answered HTTP 500.": the reply is posted as the command's answer, the run is counted
 * as failed, and the event is not redelivered (the same failure would come back). Any other
 * exception gets a generic error reply.
 */
public class CommandFailedException extends RuntimeException {

  private final transient Message reply;

  /**
   * @param reply what to post in the thread; words for a person, no secrets
   * @param reason a short reason for the log and the job's outcome, without payload or secrets
   */
  public CommandFailedException(Message reply, String reason) {
    super(reason, null, false, false);
    this.reply = Objects.requireNonNull(reply, "reply");
  }

  /** The reply to post. */
  public Message reply() {
    return reply;
  }
}
