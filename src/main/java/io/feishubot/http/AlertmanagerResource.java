package io.feishubot.http;

import io.feishubot.alerts.AlertReceipt;
import io.feishubot.alerts.AlertReceiver;
import io.feishubot.alerts.AlertRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;

/**
 * Alertmanager's webhook receiver: {@code POST /alerts/alertmanager[?chat_id=oc_…]} with {@code
 * Authorization: Bearer <FEISHU_ALERTS_TOKEN>}. Only translates HTTP; {@link AlertReceiver} does
 * the work. It returns a plain value, so Quarkus runs it on a worker thread: Alertmanager waits for
 * the card to be posted, and the steps (store, Open API) run one after another.
 *
 * <p>Error bodies are the service's generic ones and never echo the request. Bodies over {@code
 * quarkus.http.limits.max-body-size} (1 MiB) get 413 before they are read.
 */
@Path("/alerts/alertmanager")
public class AlertmanagerResource {

  private static final byte[] OK = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

  private final AlertReceiver receiver;

  public AlertmanagerResource(AlertReceiver receiver) {
    this.receiver = receiver;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response receive(
      byte[] body,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("chat_id") String chatId) {
    AlertReceipt receipt =
        receiver.receive(
            new AlertRequest(body == null ? new byte[0] : body, authorization, chatId));
    return switch (receipt) {
      case AlertReceipt.Delivered delivered ->
          Response.ok(OK, MediaType.APPLICATION_JSON_TYPE).build();
      case AlertReceipt.Unauthorized unauthorized ->
          Response.fromResponse(ErrorBodies.response(401, "unauthorized"))
              .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
              .build();
      case AlertReceipt.Malformed malformed -> ErrorBodies.response(400, "malformed request");
      case AlertReceipt.NotConfigured notConfigured ->
          ErrorBodies.response(500, "no chat or custom bot configured for alerts");
      case AlertReceipt.RetryLater retry ->
          ErrorBodies.response(503, "temporarily unavailable, retry later");
    };
  }
}
