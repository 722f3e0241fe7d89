package io.feishubot.webhook;

import io.feishubot.concurrent.BlockingWork;
import io.feishubot.feishu.CardActionTriggered;
import io.feishubot.idempotency.ClaimResult;
import io.feishubot.idempotency.ClaimStatus;
import io.feishubot.idempotency.IdempotencyKey;
import io.feishubot.idempotency.IdempotencyStore;
import io.feishubot.idempotency.IdempotencyStoreUnavailableException;
import io.feishubot.message.CardAnswer;
import io.feishubot.message.Toast;
import io.feishubot.outbound.MessageSender;
import io.feishubot.router.DecisionUnavailableException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Answers a press on a card within Feishu's 3 s, in the HTTP response. Feishu never redelivers a
 * callback, so every failure becomes an answer the person sees (an error toast asking to try
 * again), never a 5xx. A new-style callback's event id is claimed and its answer stored, so a
 * replay of the same callback gets the same answer and runs nothing; a legacy callback has no id,
 * and relies on its signature and on decisions happening once.
 */
@ApplicationScoped
public class CardActionExecution {

  private static final Logger LOG = Logger.getLogger(CardActionExecution.class);

  static final CardAnswer TRY_AGAIN =
      CardAnswer.of(Toast.error("Your action could not be recorded. Please try again."));
  private static final CardAnswer STILL_WORKING =
      CardAnswer.of(Toast.info("Still working on this action."));

  private final IdempotencyStore store;
  private final MessageSender sender;
  private final Clock clock;

  public CardActionExecution(IdempotencyStore store, MessageSender sender, Clock clock) {
    this.store = store;
    this.sender = sender;
    this.clock = clock;
  }

  /** Runs the press unless this callback was answered before; never fails. */
  public Uni<WebhookResult> run(Triage.Pending pending, Triage.RunCardAction run) {
    if (run.legacy()) {
      return answer(pending, run).map(answered -> legacyResult(answered));
    }
    IdempotencyKey key = new IdempotencyKey(pending.appId(), pending.header().eventId());
    Instant inProgressUntil = pending.deadline().plus(EventExecution.IN_PROGRESS_GRACE);
    return storeCall(() -> store.claim(key, clock.instant(), inProgressUntil))
        .chain(
            claim ->
                switch (claim) {
                  case ClaimResult.Claimed claimed -> runClaimed(key, pending, run);
                  case ClaimResult.Taken taken ->
                      taken.status().isPresent()
                          ? Uni.createFrom().item(replay(taken.status()))
                          : storeCall(() -> replay(store.find(key, clock.instant())));
                })
        .onFailure(IdempotencyStoreUnavailableException.class)
        .recoverWithItem(
            e -> {
              LOG.warnf(
                  "event %s: idempotency store unavailable, the press was not applied",
                  pending.header().eventId());
              return answered(WebhookResult.Outcome.FAILED, TRY_AGAIN);
            });
  }

  private Uni<WebhookResult> runClaimed(
      IdempotencyKey key, Triage.Pending pending, Triage.RunCardAction run) {
    return answer(pending, run)
        .chain(
            answered -> {
              String body = answered.answer().toCallbackJson();
              if (answered.outcome() == WebhookResult.Outcome.FAILED) {
                // Nothing was applied: a replay of this callback may run it again.
                return storeCall(
                    () -> {
                      releaseQuietly(key);
                      return new WebhookResult.CallbackAnswer(answered.outcome(), body);
                    });
              }
              return storeCall(
                  () -> {
                    completeQuietly(key, body);
                    return new WebhookResult.CallbackAnswer(answered.outcome(), body);
                  });
            });
  }

  /** What a replay gets: the answer stored with the claim, or word that it is being worked on. */
  private static WebhookResult replay(Optional<ClaimStatus> status) {
    return switch (status.orElse(new ClaimStatus.InProgress())) {
      case ClaimStatus.Completed completed ->
          new WebhookResult.CallbackAnswer(
              WebhookResult.Outcome.DUPLICATE,
              completed.response().orElse(CardAnswer.nothing().toCallbackJson()));
      case ClaimStatus.InProgress inProgress ->
          answered(WebhookResult.Outcome.DUPLICATE, STILL_WORKING);
    };
  }

  /** An answer and how it went. */
  private record Answered(WebhookResult.Outcome outcome, CardAnswer answer) {}

  /** Runs the handler within the deadline; every failure becomes an error toast. */
  private Uni<Answered> answer(Triage.Pending pending, Triage.RunCardAction run) {
    HandlerContexts.OfCardAction context = context(pending, run);
    Duration left = Duration.between(clock.instant(), pending.deadline());
    return BlockingWork.run(run.handler().mayBlock(), () -> run.handler().handle(context))
        .ifNoItem()
        .after(left.isNegative() ? Duration.ZERO : left)
        .fail()
        .map(answer -> new Answered(WebhookResult.Outcome.ACCEPTED, answer))
        .onFailure()
        .recoverWithItem(
            failure -> {
              if (failure instanceof Error error) {
                throw error;
              }
              if (failure instanceof DecisionUnavailableException) {
                LOG.warnf(
                    "event %s: action %s could not record its decision (%s)",
                    pending.header().eventId(), run.action(), failure.getMessage());
              } else {
                // The type only: exception text can quote the card's values.
                LOG.warnf(
                    "event %s: action %s failed (%s)",
                    pending.header().eventId(), run.action(), failure.getClass().getName());
              }
              return new Answered(WebhookResult.Outcome.FAILED, TRY_AGAIN);
            });
  }

  private HandlerContexts.OfCardAction context(Triage.Pending pending, Triage.RunCardAction run) {
    CardActionTriggered event = run.event();
    return new HandlerContexts.OfCardAction(
        run.action(),
        arguments(event.action().value()),
        event.operator(),
        event.openMessageId(),
        event.openChatId(),
        event.action(),
        pending.receivedAt(),
        pending.appId(),
        new StoreDecisions(store, pending.appId(), clock),
        new EventMessenger(
            sender, pending.appId(), pending.header().eventId(), pending.deadline()));
  }

  /** The button's {@code value} without its {@code action}, each value as text. */
  static Map<String, String> arguments(Map<String, Object> value) {
    Map<String, String> arguments = new LinkedHashMap<>();
    value.forEach(
        (name, argument) -> {
          if (!"action".equals(name) && argument != null) {
            arguments.put(name, argument.toString());
          }
        });
    return Map.copyOf(arguments);
  }

  private static WebhookResult legacyResult(Answered answered) {
    return new WebhookResult.CallbackAnswer(
        answered.outcome(), answered.answer().toLegacyCallbackJson());
  }

  static WebhookResult answered(WebhookResult.Outcome outcome, CardAnswer answer) {
    return new WebhookResult.CallbackAnswer(outcome, answer.toCallbackJson());
  }

  private <T> Uni<T> storeCall(Supplier<T> call) {
    return BlockingWork.run(store.mayBlock(), call);
  }

  private void completeQuietly(IdempotencyKey key, String answer) {
    try {
      store.complete(key, clock.instant(), Optional.of(answer));
    } catch (IdempotencyStoreUnavailableException e) {
      // The answer goes out anyway. A replay after the claim lapses would run the handler again,
      // and its decisions, recorded once, keep that harmless.
      LOG.warnf("event %s: could not store the answer", key.eventId());
    }
  }

  private void releaseQuietly(IdempotencyKey key) {
    try {
      store.release(key);
    } catch (RuntimeException e) {
      LOG.warnf("could not release claim for event %s", key.eventId());
    }
  }
}
