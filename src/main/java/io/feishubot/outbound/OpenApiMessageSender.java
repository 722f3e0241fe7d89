package io.feishubot.outbound;

import io.feishubot.message.MessageContent;
import io.feishubot.message.SentMessage;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Instant;
import java.util.function.Function;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Sends through the Open API with the shared tenant token. When Feishu rejects the token, the
 * cached one is dropped and the call is retried once with a fresh one; everything else about
 * retrying is {@link MessageEndpoint}'s policy.
 */
@ApplicationScoped
@Typed(OpenApiMessageSender.class)
public class OpenApiMessageSender implements MessageSender {

  private static final String CHAT_ID = "chat_id";

  private final FeishuOpenApi api;
  private final MessageEndpoint endpoint;
  private final TenantAccessTokens tokens;

  public OpenApiMessageSender(
      @RestClient FeishuOpenApi api, MessageEndpoint endpoint, TenantAccessTokens tokens) {
    this.api = api;
    this.endpoint = endpoint;
    this.tokens = tokens;
  }

  @Override
  @Retry(maxRetries = 1, delay = 0, jitter = 0, retryOn = TokenRejectedException.class)
  @AsynchronousNonBlocking
  public Uni<SentMessage> reply(
      String messageId, MessageContent content, String uuid, Instant deadline) {
    byte[] body = MessageRequests.reply(content, uuid);
    return withToken(OpenApiEndpoint.REPLY, deadline, auth -> api.reply(messageId, auth, body))
        .map(OpenApiMessageSender::sent);
  }

  @Override
  @Retry(maxRetries = 1, delay = 0, jitter = 0, retryOn = TokenRejectedException.class)
  @AsynchronousNonBlocking
  public Uni<SentMessage> sendToChat(
      String chatId, MessageContent content, String uuid, Instant deadline) {
    byte[] body = MessageRequests.send(chatId, content, uuid);
    return withToken(OpenApiEndpoint.SEND, deadline, auth -> api.send(CHAT_ID, auth, body))
        .map(OpenApiMessageSender::sent);
  }

  @Override
  @Retry(maxRetries = 1, delay = 0, jitter = 0, retryOn = TokenRejectedException.class)
  @AsynchronousNonBlocking
  public Uni<Void> updateCard(String messageId, MessageContent content, Instant deadline) {
    byte[] body = MessageRequests.update(content);
    return withToken(OpenApiEndpoint.UPDATE, deadline, auth -> api.update(messageId, auth, body))
        .replaceWithVoid();
  }

  /** One guarded call with the current token; a rejected token is dropped for the retry. */
  private Uni<MessageResponse> withToken(
      OpenApiEndpoint target, Instant deadline, Function<String, Uni<MessageResponse>> request) {
    return tokens
        .currentAsync(deadline)
        .chain(
            token ->
                endpoint
                    .call(target, deadline, () -> request.apply("Bearer " + token))
                    .onFailure(TokenRejectedException.class)
                    .invoke(() -> tokens.invalidate(token)));
  }

  private static SentMessage sent(MessageResponse response) {
    String id = response.data() == null ? null : response.data().path("message_id").textValue();
    return new SentMessage(id);
  }
}
