package io.feishubot.bench;

import com.lark.oapi.core.request.EventReq;
import com.lark.oapi.core.response.EventResp;
import com.lark.oapi.core.utils.Jsons;
import com.lark.oapi.event.EventDispatcher;
import com.lark.oapi.service.im.ImService;
import com.lark.oapi.service.im.v1.model.P2MessageReceiveV1;
import io.feishubot.bench.Deliveries.Delivery;
import io.feishubot.config.FeishuConfig;
import io.feishubot.feishu.EncryptedEnvelope;
import io.feishubot.feishu.EnvelopeParser;
import io.feishubot.feishu.EventCallback;
import io.feishubot.feishu.EventCipher;
import io.feishubot.feishu.LarkHeaders;
import io.feishubot.feishu.MessageReceived;
import io.feishubot.feishu.SignatureVerifier;
import io.feishubot.idempotency.InMemoryIdempotencyStore;
import io.feishubot.jobs.JobRefusedException;
import io.feishubot.message.MessageContent;
import io.feishubot.message.SentMessage;
import io.feishubot.outbound.MessageSender;
import io.feishubot.router.ActionRouter;
import io.feishubot.router.CommandLineParser;
import io.feishubot.router.CommandRouter;
import io.feishubot.router.EventRouter;
import io.feishubot.router.PingCommand;
import io.feishubot.webhook.CardActionExecution;
import io.feishubot.webhook.EventExecution;
import io.feishubot.webhook.EventTriage;
import io.feishubot.webhook.EventWebhook;
import io.feishubot.webhook.RequestAuthenticator;
import io.feishubot.webhook.Triage;
import io.feishubot.webhook.WebhookRequest;
import io.feishubot.webhook.WebhookResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One signed, encrypted {@code im.message.receive_v1} delivery of {@code /ping} from a user, from
 * raw bytes to the routed reply, with reply sending stubbed.
 *
 * <ul>
 *   <li>{@code feishuBot}: the product's {@link EventWebhook} (triage, then execute) wired by hand
 *       as CDI wires it: signature + timestamp window + decrypt + parse + token + command line +
 *       in-memory dedup (claim and complete) + route + metrics, with a {@code MessageSender} that
 *       sends nothing.
 *   <li>{@code sdk}: the official SDK's {@link EventDispatcher} on the same bytes and headers, with
 *       a handler that does what ours does after routing: dedup on the event id, skip non-users,
 *       read the text out of {@code content}, answer "pong" (consumed, not sent).
 *   <li>{@code step*}: the product's stages alone, to show where its time goes.
 * </ul>
 *
 * Every invocation takes the next of {@value #POOL} distinct deliveries, so every event is new to
 * the dedup store (entries expire as the bench clock ticks, see {@link TickingClock}). Logging is
 * at WARN for both sides: this measures the pipeline, not a console.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PipelineBenchmark {

  static final int POOL = 1024;

  private List<Delivery> deliveries;
  private WebhookRequest[] requests;
  private EventReq[] sdkRequests;
  private int next;

  private EventWebhook webhook;
  private EventDispatcher dispatcher;
  private Blackhole sdkSink;

  private final SignatureVerifier verifier = new SignatureVerifier(Deliveries.ENCRYPT_KEY);
  private final EventCipher cipher = new EventCipher(Deliveries.ENCRYPT_KEY);
  private final EnvelopeParser parser = new EnvelopeParser();
  private final CommandLineParser commandLines = new CommandLineParser(Optional.empty());
  private String[] ciphertexts;
  private byte[][] plaintexts;
  private EventCallback[] parsed;

  @Setup
  public void setUp(Blackhole blackhole) {
    Logger.getLogger("").setLevel(Level.WARNING);
    sdkSink = blackhole;
    deliveries = Deliveries.generate(Deliveries.Kind.PING, POOL, Instant.now());
    requests = new WebhookRequest[POOL];
    sdkRequests = new EventReq[POOL];
    ciphertexts = new String[POOL];
    plaintexts = new byte[POOL][];
    parsed = new EventCallback[POOL];
    for (int i = 0; i < POOL; i++) {
      Delivery d = deliveries.get(i);
      // Vert.x's header map, which the HTTP adapter's headers are read from (case-insensitive,
      // hashed).
      MultiMap headers = HttpHeaders.headers();
      headers.add(LarkHeaders.REQUEST_TIMESTAMP, d.timestamp());
      headers.add(LarkHeaders.REQUEST_NONCE, d.nonce());
      headers.add(LarkHeaders.SIGNATURE, d.signature());
      headers.add("Content-Type", "application/json; charset=utf-8");
      requests[i] = new WebhookRequest(d.body(), headers::get);
      EventReq req = new EventReq();
      req.setHttpPath("/feishu/events");
      req.setBody(d.body());
      // EventReq looks headers up by lower-cased name, as the SDK's servlet adapter stores them.
      req.setHeaders(
          Map.of(
              "x-lark-request-timestamp", List.of(d.timestamp()),
              "x-lark-request-nonce", List.of(d.nonce()),
              "x-lark-signature", List.of(d.signature()),
              "content-type", List.of("application/json; charset=utf-8")));
      sdkRequests[i] = req;
      ciphertexts[i] = ((EncryptedEnvelope) parser.parse(d.body())).encrypt();
      plaintexts[i] = cipher.decrypt(ciphertexts[i]);
      parsed[i] = (EventCallback) parser.parseDecrypted(plaintexts[i]);
    }
    webhook = productWebhook();
    dispatcher = sdkDispatcher();
    sanityCheck();
  }

  /** The product's webhook, wired the way CDI wires it, replies going nowhere. */
  static EventWebhook productWebhook() {
    FeishuConfig config = config();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Clock clock = new TickingClock(Instant.now());
    CommandRouter commands = new CommandRouter(List.of(new PingCommand()));
    EventExecution execution =
        new EventExecution(
            // Retention zero plus a ticking clock: each entry is free again by the time the pool
            // comes round, so every claim is a first claim, as in production.
            new InMemoryIdempotencyStore(Duration.ZERO),
            commands,
            new NowhereSender(),
            job -> {
              throw new JobRefusedException("no deferred commands in this benchmark");
            },
            clock,
            registry);
    NowhereSender sender = new NowhereSender();
    InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(Duration.ZERO);
    return new EventWebhook(
        new RequestAuthenticator(config),
        execution,
        new CardActionExecution(store, sender, clock),
        new EventTriage(commands, new EventRouter(List.of()), new ActionRouter(List.of()), config),
        config,
        clock,
        registry);
  }

  /** Handles one delivery start to finish on the calling thread, as the HTTP adapter would. */
  static WebhookResult handle(EventWebhook webhook, WebhookRequest request) {
    return switch (webhook.triage(request)) {
      case Triage.Answered answered -> answered.result();
      case Triage.Pending pending -> webhook.execute(pending).await().indefinitely();
    };
  }

  /** Sends nothing: the benchmark measures the pipeline up to the Open API call. */
  private static final class NowhereSender implements MessageSender {
    private static final Uni<SentMessage> SENT = Uni.createFrom().item(new SentMessage(null));

    @Override
    public Uni<SentMessage> reply(
        String chatId, String messageId, MessageContent content, String uuid, Instant deadline) {
      return SENT;
    }

    @Override
    public Uni<SentMessage> sendToChat(
        String chatId, MessageContent content, String uuid, Instant deadline) {
      return SENT;
    }

    @Override
    public Uni<Void> updateCard(String messageId, MessageContent content, Instant deadline) {
      return Uni.createFrom().voidItem();
    }
  }

  /** The real {@link FeishuConfig} mapping, built by SmallRye Config as Quarkus builds it. */
  static FeishuConfig config() {
    SmallRyeConfig smallRye =
        new SmallRyeConfigBuilder()
            .withMapping(FeishuConfig.class)
            .withConverter(Duration.class, 200, new DurationConverter())
            .withSources(
                new PropertiesConfigSource(
                    Map.of(
                        "feishu.app-id", Deliveries.APP_ID,
                        "feishu.app-secret", Deliveries.APP_SECRET,
                        "feishu.verification-token", Deliveries.VERIFICATION_TOKEN,
                        "feishu.encrypt-key", Deliveries.ENCRYPT_KEY),
                    "bench",
                    500))
            .build();
    return smallRye.getConfigMapping(FeishuConfig.class);
  }

  private EventDispatcher sdkDispatcher() {
    ConcurrentHashMap<String, Boolean> inFlight = new ConcurrentHashMap<>();
    return EventDispatcher.newBuilder(Deliveries.VERIFICATION_TOKEN, Deliveries.ENCRYPT_KEY)
        .onP2MessageReceiveV1(
            new ImService.P2MessageReceiveV1Handler() {
              @Override
              public void handle(P2MessageReceiveV1 event) {
                String eventId = event.getHeader().getEventId();
                if (inFlight.putIfAbsent(eventId, Boolean.TRUE) != null) {
                  return;
                }
                try {
                  if (!"user".equals(event.getEvent().getSender().getSenderType())) {
                    return;
                  }
                  Map<?, ?> content =
                      Jsons.DEFAULT.fromJson(event.getEvent().getMessage().getContent(), Map.class);
                  String text = String.valueOf(content.get("text"));
                  sdkSink.consume(text.contains("/ping") ? "pong" : "unknown");
                } finally {
                  inFlight.remove(eventId);
                }
              }
            })
        .build();
  }

  private void sanityCheck() {
    WebhookResult ours = handle(webhook, requests[0]);
    if (!(ours instanceof WebhookResult.Acknowledged ack)
        || ack.outcome() != WebhookResult.Outcome.ACCEPTED) {
      throw new IllegalStateException("product did not accept the delivery: " + ours);
    }
    try {
      EventResp theirs = dispatcher.handle(sdkRequests[0]);
      String body = new String(theirs.getBody(), StandardCharsets.UTF_8);
      if (theirs.getStatusCode() != 200 || !body.contains("success")) {
        throw new IllegalStateException("SDK did not accept the delivery: " + body);
      }
    } catch (Throwable e) {
      throw new IllegalStateException("SDK failed", e);
    }
  }

  private int nextIndex() {
    int i = next;
    next = (i + 1) & (POOL - 1);
    return i;
  }

  @Benchmark
  public WebhookResult feishuBot() {
    return handle(webhook, requests[nextIndex()]);
  }

  /** Authentication, parsing and triage alone: {@link #feishuBot} less this is the execution. */
  @Benchmark
  public Triage step5_triage() {
    return webhook.triage(requests[nextIndex()]);
  }

  @Benchmark
  public EventResp sdk() throws Throwable {
    return dispatcher.handle(sdkRequests[nextIndex()]);
  }

  @Benchmark
  public boolean step1_verifySignature() {
    Delivery d = deliveries.get(nextIndex());
    return verifier.verify(d.timestamp(), d.nonce(), d.body(), d.signature());
  }

  @Benchmark
  public byte[] step2_decrypt() {
    return cipher.decrypt(ciphertexts[nextIndex()]);
  }

  @Benchmark
  public Object step3_parseEnvelopes() {
    int i = nextIndex();
    parser.parse(deliveries.get(i).body());
    return parser.parseDecrypted(plaintexts[i]);
  }

  /** The parser now reads the message in step 3; this is what is left of reading it. */
  @Benchmark
  public Object step4_messageAndCommandLine() {
    MessageReceived received = (MessageReceived) parsed[nextIndex()].event();
    return commandLines.parse(received.message());
  }

  /**
   * A clock that moves one microsecond per reading, starting now: timestamps stay fresh for days of
   * benchmarking, and with zero retention each dedup entry has lapsed by its key's next turn.
   */
  static final class TickingClock extends Clock {
    private final AtomicLong micros;

    TickingClock(Instant start) {
      this.micros = new AtomicLong(start.getEpochSecond() * 1_000_000L + start.getNano() / 1000);
    }

    @Override
    public Instant instant() {
      long now = micros.incrementAndGet();
      return Instant.ofEpochSecond(now / 1_000_000L, (now % 1_000_000L) * 1000);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
