package io.feishubot.outbound;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Stands in for the Open API when the app has no credentials (as in {@code quarkus dev} with
 * nothing configured): the reply becomes a log line, so commands can be tried without a tenant.
 */
public class DryRunReplySender implements ReplySender {

  private static final Logger LOG = Logger.getLogger(DryRunReplySender.class);

  @Override
  public Uni<Void> reply(
      String chatId, String messageId, OutgoingMessage message, String uuid, Instant deadline) {
    LOG.infof(
        "dry run: would reply to %s with a %s message (uuid %s)",
        messageId, message.msgType(), uuid);
    // Message text is user content: only at DEBUG, which production does not enable.
    LOG.debugf("dry run: reply content %s", message.content());
    return Uni.createFrom().voidItem();
  }
}
