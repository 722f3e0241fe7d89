package io.feishubot.outbound;

import io.feishubot.message.MessageContent;
import io.feishubot.message.SentMessage;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Stands in for the Open API when the app has no credentials (as in {@code quarkus dev} with
 * nothing configured): each message becomes a log line, so handlers can be tried without a tenant.
 */
public class DryRunMessageSender implements MessageSender {

  private static final Logger LOG = Logger.getLogger(DryRunMessageSender.class);

  @Override
  public Uni<SentMessage> reply(
      String chatId, String messageId, MessageContent content, String uuid, Instant deadline) {
    return logged("reply to " + messageId, content, uuid);
  }

  @Override
  public Uni<SentMessage> sendToChat(
      String chatId, MessageContent content, String uuid, Instant deadline) {
    return logged("send to chat " + chatId, content, uuid);
  }

  @Override
  public Uni<Void> updateCard(String messageId, MessageContent content, Instant deadline) {
    return logged("update " + messageId, content, "-").replaceWithVoid();
  }

  private static Uni<SentMessage> logged(String what, MessageContent content, String uuid) {
    LOG.infof("dry run: would %s with a %s message (uuid %s)", what, content.msgType(), uuid);
    // Message text is user content: only at DEBUG, which production does not enable.
    LOG.debugf("dry run: content %s", content.content());
    return Uni.createFrom().item(new SentMessage(null));
  }
}
