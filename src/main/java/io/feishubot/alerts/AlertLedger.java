package io.feishubot.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feishubot.config.FeishuConfig;
import io.feishubot.idempotency.ClaimResult;
import io.feishubot.idempotency.ClaimStatus;
import io.feishubot.idempotency.IdempotencyKey;
import io.feishubot.idempotency.IdempotencyStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What the alert receiver remembers, in the idempotency store (so shared by every instance with
 * DynamoDB, and kept for {@code feishu.idempotency.ttl} after the last write): per group, the card
 * it last posted; per card, its acknowledgement and silence; and a lock per group, so that one
 * notification or one press at a time changes a group's card. Records are written with the store's
 * unconditional {@code complete} while the group's lock is held.
 *
 * <p>Every call may block on the store and throws {@code IdempotencyStoreUnavailableException} when
 * it cannot answer.
 */
@ApplicationScoped
public class AlertLedger {

  private static final Logger LOG = Logger.getLogger(AlertLedger.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LOCK_POLL = Duration.ofMillis(50);

  private final IdempotencyStore store;
  private final String appId;
  private final Clock clock;

  @Inject
  public AlertLedger(IdempotencyStore store, FeishuConfig config, Clock clock) {
    this(store, config.appId().filter(id -> !id.isBlank()).orElse("feishu-bot"), clock);
  }

  AlertLedger(IdempotencyStore store, String appId, Clock clock) {
    this.store = store;
    this.appId = appId;
    this.clock = clock;
  }

  /**
   * Takes the group's lock, waiting up to {@code patience} for another holder to let go. A holder
   * that dies loses the lock at {@code until} of its claim.
   *
   * @param until when this lock stops blocking others if it is never released
   * @return whether the lock is now held
   */
  boolean lock(String group, Duration patience, Instant until) {
    IdempotencyKey key = key("alerts:lock:", group);
    Instant giveUp = clock.instant().plus(patience);
    while (true) {
      if (store.claim(key, clock.instant(), until) instanceof ClaimResult.Claimed) {
        return true;
      }
      if (!clock.instant().plus(LOCK_POLL).isBefore(giveUp)) {
        return false;
      }
      try {
        Thread.sleep(LOCK_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /** Lets the group's lock go; a failure only delays the next holder until the lock lapses. */
  void unlock(String group) {
    try {
      store.release(key("alerts:lock:", group));
    } catch (RuntimeException e) {
      LOG.warnf(
          "could not release the lock of alert group %s (%s)", group, e.getClass().getSimpleName());
    }
  }

  /** The card last posted for the group, if it is remembered and readable. */
  Optional<AlertCard> card(String group) {
    return stored(key("alerts:group:", group))
        .flatMap(
            json -> {
              try {
                return Optional.of(decodeCard(json));
              } catch (RuntimeException unreadable) {
                LOG.warnf("unreadable record of alert group %s, ignored", group);
                return Optional.empty();
              }
            });
  }

  /** The card's view: its group as last notified, with its acknowledgement and silence. */
  AlertView view(String group, AlertCard card, boolean silences) {
    Optional<String> message = card.messageId();
    return new AlertView(
        card.notification(),
        message.flatMap(this::acknowledgement),
        message.flatMap(this::silence),
        card.channel() == AlertCard.Channel.APP ? Optional.of(group) : Optional.empty(),
        silences && card.channel() == AlertCard.Channel.APP);
  }

  void saveCard(String group, AlertCard card) {
    ObjectNode json = JSON.createObjectNode();
    json.put("channel", card.channel().name());
    json.put("chat", card.chatId());
    card.messageId().ifPresent(id -> json.put("message", id));
    json.put("digest", card.digest());
    json.set("notification", NotificationJson.write(card.notification()));
    save(key("alerts:group:", group), json);
  }

  Optional<Acknowledgement> acknowledgement(String messageId) {
    return stored(key("alerts:ack:", messageId))
        .map(json -> new Acknowledgement(json.path("by").asText(), instant(json, "at")));
  }

  void saveAcknowledgement(String messageId, Acknowledgement ack) {
    ObjectNode json =
        JSON.createObjectNode().put("by", ack.by()).put("at", ack.at().toEpochMilli());
    save(key("alerts:ack:", messageId), json);
  }

  Optional<SilenceNote> silence(String messageId) {
    return stored(key("alerts:silence:", messageId))
        .map(
            json ->
                new SilenceNote(
                    json.path("id").asText(), instant(json, "endsAt"), json.path("by").asText()));
  }

  void saveSilence(String messageId, SilenceNote silence) {
    ObjectNode json =
        JSON.createObjectNode()
            .put("id", silence.id())
            .put("endsAt", silence.endsAt().toEpochMilli())
            .put("by", silence.by());
    save(key("alerts:silence:", messageId), json);
  }

  private IdempotencyKey key(String kind, String id) {
    return new IdempotencyKey(appId, kind + id);
  }

  private void save(IdempotencyKey key, ObjectNode json) {
    store.complete(key, clock.instant(), Optional.of(json.toString()));
  }

  /** The record under {@code key}; an unreadable one counts as none (it is rewritten later). */
  private Optional<JsonNode> stored(IdempotencyKey key) {
    Optional<ClaimStatus> status = store.find(key, clock.instant());
    if (status.isEmpty() || !(status.get() instanceof ClaimStatus.Completed completed)) {
      return Optional.empty();
    }
    try {
      return completed.response().isEmpty()
          ? Optional.empty()
          : Optional.of(JSON.readTree(completed.response().get()));
    } catch (IOException e) {
      LOG.warnf("unreadable alert record %s, ignored", key.eventId());
      return Optional.empty();
    }
  }

  private static AlertCard decodeCard(JsonNode json) {
    String message = json.path("message").asText("");
    return new AlertCard(
        AlertCard.Channel.valueOf(json.path("channel").asText()),
        json.path("chat").asText(""),
        message.isEmpty() ? Optional.empty() : Optional.of(message),
        json.path("digest").asText(""),
        NotificationJson.read(json.path("notification").toString()));
  }

  private static Instant instant(JsonNode json, String field) {
    return Instant.ofEpochMilli(json.path(field).asLong());
  }
}
