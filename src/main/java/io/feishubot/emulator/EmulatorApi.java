package io.feishubot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feishubot.config.FeishuConfig;
import io.feishubot.emulator.DeliveryLog.Kind;
import io.feishubot.emulator.DeliveryLog.Sent;
import io.feishubot.emulator.Faults.Fault;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * What the emulator page can do: say something as one of the tenant's people, add the bot to the
 * group, press a card button, redeliver or tamper with a delivery, arm a fault, and watch it all
 * through a long poll. A thin adapter: events are built by {@link EventJson}, delivered by {@link
 * Postman}, and what the bot posts arrives through {@link FakeOpenApi}.
 */
@Path(EmulatorPage.ROOT + "/api")
@Produces(MediaType.APPLICATION_JSON)
public class EmulatorApi {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A poll waits this long for a change, well under the usual proxy and browser timeouts. */
  private static final Duration LONG_POLL = Duration.ofSeconds(20);

  private final EventJson events;
  private final Postman postman;
  private final ChatStore chats;
  private final DeliveryLog deliveries;
  private final OpenApiCalls calls;
  private final Faults faults;
  private final Changes changes;
  private final Snapshot snapshot;

  public EmulatorApi(
      FeishuConfig config,
      Clock clock,
      Postman postman,
      ChatStore chats,
      DeliveryLog deliveries,
      OpenApiCalls calls,
      Faults faults,
      Changes changes,
      Snapshot snapshot) {
    this.events =
        new EventJson(
            config.appId().orElse("cli_emulator"),
            config.verificationToken().orElse(""),
            Snapshot.botOpenId(config),
            clock);
    this.postman = postman;
    this.chats = chats;
    this.deliveries = deliveries;
    this.calls = calls;
    this.faults = faults;
    this.changes = changes;
    this.snapshot = snapshot;
  }

  /** The whole state, once it is newer than revision {@code since} (or after the long poll). */
  @GET
  @Path("/state")
  public Uni<ObjectNode> state(@QueryParam("since") String since) {
    long seen = revision(since);
    return Uni.createFrom()
        .completionStage(changes.after(seen))
        .ifNoItem()
        .after(LONG_POLL)
        .recoverWithItem(seen)
        // Not on the thread that made the change (often the bot's own send on an event loop).
        .emitOn(Infrastructure.getDefaultWorkerPool())
        .map(changed -> snapshot.build());
  }

  /** {@code {"user","chat":"group"|"p2p","text","mention"}}: a person says something. */
  @POST
  @Path("/messages")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<ObjectNode> say(byte[] body) {
    RequestFields fields = RequestFields.of(body);
    Tenant.User user = fields.user();
    String chatType = fields.oneOf("chat", "group", Set.of("group", "p2p"));
    String text = fields.text("text");
    Tenant.Chat chat = "p2p".equals(chatType) ? Tenant.directChat(user) : Tenant.GROUP;
    // Feishu only delivers group messages that mention the bot (without extra scopes); the page
    // lets you leave the mention out to see what the bot makes of it.
    boolean mention = fields.bool("mention", "group".equals(chatType));
    String messageId = "om_" + UUID.randomUUID().toString().replace("-", "");
    String shown =
        mention
            ? "<at user_id=\"" + events.botOpenId() + "\">" + Tenant.BOT_NAME + "</at> " + text
            : text;
    chats.post(
        messageId,
        chat.id(),
        null,
        user.key(),
        "text",
        NODES.objectNode().put("text", shown).toString());
    String eventId = EventJson.newEventId();
    return deliver(
            eventId,
            events.message(eventId, messageId, user, chat, text, mention),
            EventJson.MESSAGE_RECEIVED,
            user.name() + ": " + abbreviated(text))
        .map(delivered -> answer(delivered).put("messageId", messageId));
  }

  /** {@code {"user"}}: the person adds the bot to the group, so it says hello there. */
  @POST
  @Path("/bot-added")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<ObjectNode> botAdded(byte[] body) {
    Tenant.User user = RequestFields.of(body).user();
    String eventId = EventJson.newEventId();
    return deliver(
            eventId,
            events.botAdded(eventId, Tenant.GROUP, user),
            EventJson.BOT_ADDED,
            user.name() + " added " + Tenant.BOT_NAME + " to " + Tenant.GROUP.name())
        .map(EmulatorApi::answer);
  }

  /**
   * {@code {"user","messageId","value":{…},"name"}}: the person presses a callback button; the
   * answer's toast comes back to the page and its card replaces the pressed one.
   */
  @POST
  @Path("/card-actions")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> press(byte[] body) {
    RequestFields fields = RequestFields.of(body);
    Tenant.User user = fields.user();
    String messageId = fields.text("messageId");
    JsonNode value = fields.object("value");
    String name = fields.string("name", null);
    ChatStore.Message card = chats.get(messageId).orElse(null);
    if (card == null || !"interactive".equals(card.msgType())) {
      return Uni.createFrom().item(error(404, "no card with that messageId"));
    }
    String eventId = EventJson.newEventId();
    String label = name == null ? value.path("action").asText("a button") : name;
    return deliver(
            eventId,
            events.cardAction(eventId, user, messageId, card.chatId(), value, name),
            EventJson.CARD_ACTION,
            user.name() + " pressed " + abbreviated(label))
        .map(
            delivered -> {
              CallbackAnswer answer =
                  CallbackAnswer.read(delivered.entry().status(), delivered.body(), card.content());
              answer.card().ifPresent(content -> chats.update(messageId, content));
              ObjectNode json = answer(delivered).put("note", answer.note());
              answer.toast().ifPresent(toast -> json.set("toast", toast));
              return Response.ok(json).build();
            });
  }

  /** Delivers logged delivery {@code id} again, freshly signed, as Feishu redelivers it. */
  @POST
  @Path("/deliveries/{id}/redeliver")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> redeliver(@PathParam("id") String id) {
    return again(id, Kind.REDELIVERY);
  }

  /** Delivers logged delivery {@code id} again with a signature that does not match. */
  @POST
  @Path("/deliveries/{id}/tamper")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> tamper(@PathParam("id") String id) {
    return again(id, Kind.TAMPERED);
  }

  /** {@code {"next":"server-error"|"rate-limit"|"invalid-token"|"slow"|"none"}}. */
  @PUT
  @Path("/faults")
  @Consumes(MediaType.APPLICATION_JSON)
  public ObjectNode arm(byte[] body) {
    Set<String> names =
        Arrays.stream(Fault.values()).map(Fault::wireName).collect(Collectors.toSet());
    String next = RequestFields.of(body).oneOf("next", null, names);
    faults.arm(Fault.ofWireName(next).orElseThrow());
    return NODES.objectNode().put("fault", faults.armed().wireName());
  }

  /** Clears the chats and logs (not the bot's memory of which events it has seen). */
  @POST
  @Path("/reset")
  @Consumes(MediaType.APPLICATION_JSON)
  public ObjectNode reset() {
    chats.clear();
    deliveries.clear();
    calls.clear();
    faults.arm(Fault.NONE);
    return NODES.objectNode();
  }

  @ServerExceptionMapper
  public Response badRequest(RequestFields.BadRequest e) {
    return error(400, e.getMessage());
  }

  /** The first delivery of a new event. */
  private Uni<Postman.Delivered> deliver(
      String eventId, String plaintext, String eventType, String summary) {
    return postman.deliver(new Sent(plaintext, eventId, eventType, summary), Kind.ORIGINAL);
  }

  private Uni<Response> again(String id, Kind kind) {
    Sent sent = deliveryId(id).flatMap(deliveries::sent).orElse(null);
    if (sent == null) {
      return Uni.createFrom().item(error(404, "no delivery with that id in the log"));
    }
    return postman.deliver(sent, kind).map(delivered -> Response.ok(answer(delivered)).build());
  }

  private static ObjectNode answer(Postman.Delivered delivered) {
    ObjectNode json = NODES.objectNode();
    json.set("delivery", Snapshot.delivery(delivered.entry()));
    return json;
  }

  private static Optional<Integer> deliveryId(String id) {
    try {
      return Optional.of(Integer.parseInt(id));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static long revision(String since) {
    if (since == null) {
      return -1;
    }
    try {
      return Long.parseLong(since);
    } catch (NumberFormatException e) {
      throw new RequestFields.BadRequest("since must be a revision number");
    }
  }

  private static String abbreviated(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= 60 ? line : line.substring(0, 59) + "…";
  }

  private static Response error(int status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(NODES.objectNode().put("error", message))
        .build();
  }
}
