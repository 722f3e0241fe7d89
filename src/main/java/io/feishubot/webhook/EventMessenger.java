package io.feishubot.webhook;

import io.feishubot.message.Card;
import io.feishubot.message.Message;
import io.feishubot.message.MessageContent;
import io.feishubot.message.SentMessage;
import io.feishubot.outbound.MessageSender;
import io.feishubot.router.Messenger;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The {@link Messenger} of one event's handler: every call is bounded by the event's deadline and
 * carries the uuid of its place among the handler's calls ({@link ReplyIds#forEvent(String, String,
 * int)}), so a rerun for the same event sends the same uuids. Place 0 is the command's returned
 * reply; the handler's own calls count from 1.
 */
final class EventMessenger implements Messenger {

  private static final Uni<SentMessage> NOTHING_SENT = Uni.createFrom().item(new SentMessage(null));

  private final MessageSender sender;
  private final String appId;
  private final String eventId;
  private final Instant deadline;
  private final AtomicInteger calls = new AtomicInteger();

  EventMessenger(MessageSender sender, String appId, String eventId, Instant deadline) {
    this.sender = sender;
    this.appId = appId;
    this.eventId = eventId;
    this.deadline = deadline;
  }

  @Override
  public Uni<SentMessage> reply(String messageId, Message message) {
    String uuid = nextUuid();
    return send(message, content -> sender.reply(null, messageId, content, uuid, deadline));
  }

  @Override
  public Uni<SentMessage> sendToChat(String chatId, Message message) {
    String uuid = nextUuid();
    return send(message, content -> sender.sendToChat(chatId, content, uuid, deadline));
  }

  @Override
  public Uni<Void> updateCard(String messageId, Card card) {
    return Uni.createFrom()
        .deferred(() -> sender.updateCard(messageId, MessageContent.of(card), deadline));
  }

  /**
   * The command's returned reply to {@code messageId} in {@code chatId}, which has place 0 whatever
   * the handler sent before it.
   */
  Uni<SentMessage> commandReply(String chatId, String messageId, Message message) {
    if (message instanceof Message.None) {
      return NOTHING_SENT;
    }
    // Every caller subscribes at once (in a chain step or by awaiting), so the reply is rendered
    // now rather than in a deferred stage: a stage costs a context capture per event on the
    // command path (bench/jmh). A failure still arrives as the Uni's, never thrown.
    try {
      MessageContent content = MessageContent.of(message);
      return sender.reply(
          chatId, messageId, content, ReplyIds.forEvent(appId, eventId, 0), deadline);
    } catch (RuntimeException e) {
      return Uni.createFrom().failure(e);
    }
  }

  private String nextUuid() {
    // Taken when the call is made, not when it is subscribed: the order of calls is the handler's.
    return ReplyIds.forEvent(appId, eventId, calls.incrementAndGet());
  }

  private static Uni<SentMessage> send(
      Message message, Function<MessageContent, Uni<SentMessage>> call) {
    return switch (message) {
      case Message.None none -> NOTHING_SENT;
      case Message.Text text -> rendered(text, call);
      case Message.Post post -> rendered(post, call);
      case Card card -> rendered(card, call);
      case Message.Template template -> rendered(template, call);
      case Message.Verbatim verbatim -> rendered(verbatim, call);
    };
  }

  private static Uni<SentMessage> rendered(
      Message message, Function<MessageContent, Uni<SentMessage>> call) {
    // Rendering checks Feishu's size limits: a message over them fails before any request.
    return Uni.createFrom().deferred(() -> call.apply(MessageContent.of(message)));
  }
}
