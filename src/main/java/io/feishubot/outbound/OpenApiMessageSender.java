package io.feishubot.outbound;

import io.feishubot.message.MessageContent;
import io.feishubot.message.SentMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Instant;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Sends through the Open API: builds each request and makes it as one guarded call ({@link
 * MessageCalls}), paced by the chat when it is known, else by the message.
 */
@ApplicationScoped
@Typed(OpenApiMessageSender.class)
public class OpenApiMessageSender implements MessageSender {

  private static final String CHAT_ID = "chat_id";

  private final FeishuOpenApi api;
  private final MessageCalls calls;

  public OpenApiMessageSender(@RestClient FeishuOpenApi api, MessageCalls calls) {
    this.api = api;
    this.calls = calls;
  }

  @Override
  public Uni<SentMessage> reply(
      String chatId, String messageId, MessageContent content, String uuid, Instant deadline) {
    byte[] body = MessageRequests.reply(content, uuid);
    return calls
        .call(
            chatId != null ? chatId : messageId,
            OpenApiEndpoint.REPLY,
            deadline,
            auth -> api.reply(messageId, auth, body))
        .map(OpenApiMessageSender::sent);
  }

  @Override
  public Uni<SentMessage> sendToChat(
      String chatId, MessageContent content, String uuid, Instant deadline) {
    byte[] body = MessageRequests.send(chatId, content, uuid);
    return calls
        .call(chatId, OpenApiEndpoint.SEND, deadline, auth -> api.send(CHAT_ID, auth, body))
        .map(OpenApiMessageSender::sent);
  }

  @Override
  public Uni<Void> updateCard(String messageId, MessageContent content, Instant deadline) {
    byte[] body = MessageRequests.update(content);
    // Feishu takes 5 updates per second of one message.
    return calls
        .call(
            messageId, OpenApiEndpoint.UPDATE, deadline, auth -> api.update(messageId, auth, body))
        .replaceWithVoid();
  }

  private static SentMessage sent(MessageResponse response) {
    String id = response.data() == null ? null : response.data().path("message_id").textValue();
    return new SentMessage(id);
  }
}
