package io.feishubot.http;

import io.feishubot.webhook.EventWebhook;
import io.feishubot.webhook.WebhookRequest;
import io.feishubot.webhook.WebhookResult;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The one endpoint Feishu posts to. It only translates HTTP to a {@link WebhookRequest} and a
 * {@link WebhookResult} back, so the same code serves {@code quarkus dev}, Knative and Lambda.
 */
@Path("/feishu/events")
public class FeishuEventResource {

  private final EventWebhook webhook;

  public FeishuEventResource(EventWebhook webhook) {
    this.webhook = webhook;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response receive(byte[] body, @Context HttpHeaders headers) {
    WebhookResult result =
        webhook.handle(
            new WebhookRequest(body == null ? new byte[0] : body, headers::getHeaderString));
    if (result instanceof WebhookResult.Challenge challenge) {
      return Response.ok(Map.of("challenge", challenge.challenge())).build();
    }
    if (result instanceof WebhookResult.Acknowledged) {
      return Response.ok(Map.of("msg", "success")).build();
    }
    if (result instanceof WebhookResult.Rejected rejected) {
      return ErrorBodies.response(rejected.reason().status(), rejected.reason().publicMessage());
    }
    return ErrorBodies.response(503, "temporarily unavailable, retry later");
  }
}
