package io.feishubot.outbound;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.feishubot.config.FeishuConfig;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Spaces the sends to one chat, so that a burst into it (many commands at once, an alert storm)
 * queues within each event's deadline instead of collecting Feishu's 429s: Feishu accepts 5
 * messages per second per chat, shared by every bot in it (shared/feishu-protocol.md §10).
 *
 * <p>One token bucket per chat (bucket4j) holding a single token, refilled once per {@code
 * feishu.outbound.chat-send-interval} (220 ms): sends to a chat go out evenly spaced, never
 * bunched, so no one-second window Feishu may count in sees more than 5, even a sliding one. A send
 * whose turn comes while a full attempt ({@code min-attempt-time}) still fits before its deadline
 * waits for it on a timer; one whose turn comes later is refused at once ({@link
 * OutboundBusyException}, 503) and comes back with Feishu's redelivery. The bucket is keyed by any
 * string: a chat id for sends and replies, a message id to pace updates of one message (also 5/s).
 *
 * <p>Memory is bounded: buckets of chats idle for {@link #IDLE} are dropped, and at most {@link
 * #MAX_CHATS} are kept (Caffeine). Dropping loses nothing once a chat has been idle for one
 * interval: its bucket is then full again, like a new one.
 */
@ApplicationScoped
public class ChatPacer {

  /** Chats with a bucket at once; far more than one instance serves within a minute. */
  static final int MAX_CHATS = 10_000;

  /** A chat's bucket outlives every reservation in it (at most one ack deadline ahead). */
  static final Duration IDLE = Duration.ofMinutes(1);

  private static final Uni<Void> NOW = Uni.createFrom().voidItem();

  private final OutboundBudget budget;
  private final Duration interval;
  private final ScheduledExecutorService timer;
  private final SlotWaitMeters meters;
  private final LoadingCache<String, Bucket> buckets;

  @Inject
  ChatPacer(OutboundBudget budget, FeishuConfig config, MeterRegistry registry) {
    this(
        budget,
        config.outbound().chatSendInterval(),
        MAX_CHATS,
        Infrastructure.getDefaultWorkerPool(),
        registry);
  }

  ChatPacer(
      OutboundBudget budget,
      Duration interval,
      int maxChats,
      ScheduledExecutorService timer,
      MeterRegistry registry) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("feishu.outbound.chat-send-interval must be positive");
    }
    this.budget = budget;
    this.interval = interval;
    this.timer = timer;
    this.meters = SlotWaitMeters.register(registry, "chat");
    // Maintenance on the calling thread: a few map operations, no hand-off to a pool.
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(maxChats)
            .expireAfterAccess(IDLE)
            .executor(Runnable::run)
            .build(chat -> newBucket());
  }

  /**
   * Completes when {@code chatId} may be sent to: at once when its turn is free (nearly always),
   * else when its turn comes, on the caller's event loop. Fails with {@link OutboundBusyException},
   * without waiting, when the turn would leave less than a full attempt before {@code deadline}.
   * Waiting parks no thread. A slot is taken by subscribing: subscribe once per send.
   */
  public Uni<Void> awaitSlot(String chatId, Instant deadline) {
    return Uni.createFrom()
        .deferred(
            () -> {
              Bucket bucket = buckets.get(chatId);
              if (bucket.tryConsume(1)) {
                return NOW;
              }
              long maxWaitNanos = budget.retryWindow(deadline).toNanos();
              if (maxWaitNanos <= 0) {
                return refused();
              }
              // Reserves the turn if it comes within maxWaitNanos, and completes the future then.
              CompletableFuture<Boolean> turn =
                  bucket.asScheduler().tryConsume(1, maxWaitNanos, timer);
              if (turn.isDone()) {
                // Refused (or a token came meanwhile): decided now, so answered now.
                return turn.join() ? NOW : refused();
              }
              meters.waited().increment();
              return Uni.createFrom()
                  .completionStage(turn)
                  .replaceWithVoid()
                  .emitOn(CallerContext.current());
            });
  }

  /** How many chats have a bucket now, for tests of the memory bound. */
  long trackedChats() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }

  private Bucket newBucket() {
    // Capacity one: an idle chat gets one send at once, and every further one waits its interval.
    return Bucket.builder().addLimit(limit -> limit.capacity(1).refillGreedy(1, interval)).build();
  }

  private Uni<Void> refused() {
    meters.gaveUp().increment();
    return Uni.createFrom()
        .failure(new OutboundBusyException("the chat's next send turn is past the deadline"));
  }
}
