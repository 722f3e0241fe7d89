package io.feishubot.http;

import io.feishubot.webhook.EventWebhook;
import io.feishubot.webhook.Triage;
import io.feishubot.webhook.WebhookRequest;
import io.feishubot.webhook.WebhookResult;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The one endpoint Feishu posts to. It only translates HTTP to a {@link WebhookRequest} and a
 * {@link WebhookResult} back, so the same code serves {@code quarkus dev}, Knative and Lambda.
 *
 * <p>A delivery is handled on the I/O thread that read it: challenges, rejected requests and events
 * that need no action are answered at once, and a command runs as a non-blocking chain there too.
 * Only its steps that may block (a DynamoDB call, a handler that does I/O) move to a worker thread.
 */
@Path("/feishu/events")
public class FeishuEventResource {

  /** Feishu only needs a 200; the body is what its console shows for a manual test. */
  private static final byte[] SUCCESS = "{\"msg\":\"success\"}".getBytes(StandardCharsets.UTF_8);

  private final EventWebhook webhook;

  public FeishuEventResource(EventWebhook webhook) {
    this.webhook = webhook;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> receive(byte[] body, @Context HttpHeaders headers) {
    Triage triage =
        webhook.triage(
            new WebhookRequest(body == null ? new byte[0] : body, headers::getHeaderString));
    return switch (triage) {
      case Triage.Pending pending -> webhook.execute(pending).map(FeishuEventResource::response);
      case Triage.Answered answered -> Uni.createFrom().item(response(answered.result()));
    };
  }

  private static Response response(WebhookResult result) {
    return switch (result) {
      case WebhookResult.Challenge challenge ->
          Response.ok(Map.of("challenge", challenge.challenge())).build();
      case WebhookResult.Acknowledged acknowledged ->
          Response.ok(SUCCESS, MediaType.APPLICATION_JSON_TYPE).build();
      case WebhookResult.CallbackAnswer answer ->
          Response.ok(answer.body(), MediaType.APPLICATION_JSON_TYPE).build();
      case WebhookResult.Rejected rejected ->
          ErrorBodies.response(rejected.reason().status(), rejected.reason().publicMessage());
      case WebhookResult.RetryLater retry ->
          ErrorBodies.response(503, "temporarily unavailable, retry later");
    };
  }
}
