package io.feishubot.outbound;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The slice of the Feishu Open API the bot calls. Base URL: {@code feishu.api-base-url}. Every
 * answer carries {@code code}; non-zero is a failure even with HTTP 200, which {@link
 * OutboundAttempts} turns into a {@link FeishuApiException}. Call it only through {@link
 * MessageEndpoint} and {@link TenantTokenEndpoint}, which carry the fault-tolerance policy.
 */
@RegisterRestClient(configKey = "feishu-api")
@RegisterProvider(FeishuApiErrorMapper.class)
@Path("/open-apis")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface FeishuOpenApi {

  /** Self-built app tenant token; valid for {@code expire} seconds (about two hours). */
  @POST
  @Path("/auth/v3/tenant_access_token/internal")
  TenantTokenResponse tenantAccessToken(TenantTokenRequest request);

  /**
   * Replies in the thread of {@code messageId}. Non-blocking: the request goes out on the event
   * loop when the result is subscribed to, and nobody parks a thread waiting for the answer.
   *
   * <p>{@code body} is already written as JSON ({@link MessageRequests}), as for the methods below.
   */
  @POST
  @Path("/im/v1/messages/{message_id}/reply")
  Uni<MessageResponse> reply(
      @PathParam("message_id") String messageId,
      @HeaderParam("Authorization") String authorization,
      byte[] body);

  /** Sends a message; {@code receiveIdType} is {@code chat_id}, {@code open_id}, … */
  @POST
  @Path("/im/v1/messages")
  Uni<MessageResponse> send(
      @QueryParam("receive_id_type") String receiveIdType,
      @HeaderParam("Authorization") String authorization,
      byte[] body);

  /** Replaces the content of a shared card the app sent. */
  @PATCH
  @Path("/im/v1/messages/{message_id}")
  Uni<MessageResponse> update(
      @PathParam("message_id") String messageId,
      @HeaderParam("Authorization") String authorization,
      byte[] body);
}
