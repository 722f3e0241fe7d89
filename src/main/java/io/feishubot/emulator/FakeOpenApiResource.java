package io.feishubot.emulator;

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
import jakarta.ws.rs.core.Response;

/**
 * The fake Open API over HTTP, at {@code /dev/fake-open-api/open-apis/…}: the dev profile points
 * {@code feishu.api-base-url} here, so replies travel the real sender, fault tolerance included.
 * Only reachable while the emulator is enabled ({@link EmulatorRoutes}); like the real API it is
 * guarded by the app's credentials, not by the emulator token, which the bot does not carry.
 */
@Path(FakeOpenApiResource.ROOT + "/open-apis")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class FakeOpenApiResource {

  /** The base URL path to configure as {@code feishu.api-base-url}. */
  public static final String ROOT = "/dev/fake-open-api";

  private final FakeOpenApi api;
  private final OpenApiCalls calls;

  public FakeOpenApiResource(FakeOpenApi api, OpenApiCalls calls) {
    this.api = api;
    this.calls = calls;
  }

  @POST
  @Path("/auth/v3/tenant_access_token/internal")
  public Uni<Response> tenantAccessToken(byte[] body) {
    return answer(
        "POST", "/open-apis/auth/v3/tenant_access_token/internal", api.tenantAccessToken(body));
  }

  @POST
  @Path("/im/v1/messages/{message_id}/reply")
  public Uni<Response> reply(
      @PathParam("message_id") String messageId,
      @HeaderParam("Authorization") String authorization,
      byte[] body) {
    return answer(
        "POST",
        "/open-apis/im/v1/messages/" + messageId + "/reply",
        api.reply(authorization, messageId, body));
  }

  @POST
  @Path("/im/v1/messages")
  public Uni<Response> send(
      @QueryParam("receive_id_type") String receiveIdType,
      @HeaderParam("Authorization") String authorization,
      byte[] body) {
    return answer(
        "POST",
        "/open-apis/im/v1/messages?receive_id_type=" + receiveIdType,
        api.send(authorization, receiveIdType, body));
  }

  @PATCH
  @Path("/im/v1/messages/{message_id}")
  public Uni<Response> update(
      @PathParam("message_id") String messageId,
      @HeaderParam("Authorization") String authorization,
      byte[] body) {
    return answer(
        "PATCH",
        "/open-apis/im/v1/messages/" + messageId,
        api.update(authorization, messageId, body));
  }

  private Uni<Response> answer(String method, String path, FakeOpenApi.Answer answer) {
    calls.record(
        method,
        path,
        answer.status(),
        answer.code(),
        answer.fault() == Faults.Fault.NONE ? null : answer.fault().wireName(),
        answer.delay().toMillis());
    Response.ResponseBuilder response =
        Response.status(answer.status()).type(MediaType.APPLICATION_JSON).entity(answer.body());
    answer.headers().forEach(response::header);
    Uni<Response> now = Uni.createFrom().item(response.build());
    // Delayed on a timer, not by sleeping: no thread waits out a slow answer.
    return answer.delay().isZero() ? now : now.onItem().delayIt().by(answer.delay());
  }
}
