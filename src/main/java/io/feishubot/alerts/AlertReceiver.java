package io.feishubot.alerts;

import io.feishubot.config.FeishuConfig;
import io.feishubot.feishu.Digests;
import io.feishubot.idempotency.IdempotencyStoreUnavailableException;
import io.feishubot.message.CustomBotContent;
import io.feishubot.message.MessageContent;
import io.feishubot.message.SentMessage;
import io.feishubot.outbound.CustomBotSender;
import io.feishubot.outbound.FeishuApiException;
import io.feishubot.outbound.MessageSender;
import io.feishubot.outbound.PermanentFeishuException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Receives one Alertmanager notification: authenticate, read, pick where it goes, and post the
 * group's card or update the one posted before, one notification per group at a time. Alertmanager
 * waits for the answer, so this runs start to finish on the request's worker thread, with {@code
 * feishu.alerts.deadline} for Feishu's retries.
 *
 * <p>Nothing is lost: whatever leaves the card unposted (Feishu refuses or is unreachable, the
 * store is down, another notification of the group is in progress) answers 5xx, and Alertmanager
 * sends the notification again. Nothing is posted twice: a group's card is updated in place, a
 * notification that would not change it sends nothing, and a post carries a uuid derived from the
 * group, so a retry after a lost answer is deduplicated by Feishu.
 */
@Startup
@ApplicationScoped
public class AlertReceiver {

  private static final Logger LOG = Logger.getLogger(AlertReceiver.class);

  /** Feishu chat ids: {@code oc_} and a hex id; nothing else is passed on to the Open API. */
  private static final Pattern CHAT_ID = Pattern.compile("oc_[A-Za-z0-9]{1,64}");

  /** The most alerts of a group the ledger keeps (the card shows ten at most). */
  private static final int STORED_ALERTS = 20;

  /** How long a notification waits for another one of its group to finish. */
  private static final Duration LOCK_PATIENCE = Duration.ofSeconds(1);

  private static final Duration LOCK_GRACE = Duration.ofSeconds(2);

  private final FeishuConfig config;
  private final AlertLedger ledger;
  private final MessageSender sender;
  private final CustomBotSender customBot;
  private final Clock clock;
  private final MeterRegistry registry;
  private final Optional<byte[]> tokenDigest;

  public AlertReceiver(
      FeishuConfig config,
      AlertLedger ledger,
      MessageSender sender,
      CustomBotSender customBot,
      Clock clock,
      MeterRegistry registry) {
    this.config = config;
    this.ledger = ledger;
    this.sender = sender;
    this.customBot = customBot;
    this.clock = clock;
    this.registry = registry;
    this.tokenDigest =
        config.alerts().token().filter(token -> !token.isBlank()).map(AlertReceiver::sha256);
    // Every series from the start, at 0: rate() and the alerting rules see a change from the
    // first notification on, and an absent series never looks like a healthy one.
    for (String channel : List.of("app", "custom_bot")) {
      for (String outcome : List.of("posted", "updated", "unchanged", "busy", "failed")) {
        counter(channel, outcome);
      }
    }
    for (String outcome : List.of("unauthorized", "malformed", "unconfigured")) {
      counter("none", outcome);
    }
  }

  /** Handles one request; never throws. Blocks: call it from a worker thread. */
  public AlertReceipt receive(AlertRequest request) {
    Instant received = clock.instant();
    if (!authorized(request.authorization())) {
      count("none", "unauthorized");
      LOG.info("alert notification refused: wrong or missing bearer token");
      return new AlertReceipt.Unauthorized();
    }
    Notification notification;
    try {
      notification = NotificationJson.parse(request.body());
    } catch (MalformedNotificationException e) {
      count("none", "malformed");
      LOG.infof("alert notification refused: %s", e.getMessage());
      return new AlertReceipt.Malformed();
    }
    String chatId =
        request.chatId() != null ? request.chatId() : config.alerts().chatId().orElse(null);
    if (chatId != null && !CHAT_ID.matcher(chatId).matches()) {
      count("none", "malformed");
      LOG.info("alert notification refused: chat_id is not a chat id (oc_…)");
      return new AlertReceipt.Malformed();
    }
    AlertCard.Channel channel;
    if (chatId != null) {
      channel = AlertCard.Channel.APP;
    } else if (customBot.configured()) {
      channel = AlertCard.Channel.CUSTOM_BOT;
    } else {
      count("none", "unconfigured");
      LOG.warn(
          "alert notification not delivered: set FEISHU_ALERTS_CHAT_ID (or ?chat_id=) or"
              + " FEISHU_WEBHOOK_URL");
      return new AlertReceipt.NotConfigured();
    }
    String tag = tag(channel);
    String group = groupId(channel, chatId, notification);
    Instant deadline = received.plus(config.alerts().deadline());
    try {
      if (!ledger.lock(group, LOCK_PATIENCE, deadline.plus(LOCK_GRACE))) {
        count(tag, "busy");
        LOG.infof("alert group %s: another notification is in progress, retry later", group);
        return new AlertReceipt.RetryLater();
      }
      try {
        AlertReceipt.Outcome outcome =
            switch (channel) {
              case APP -> toChat(group, chatId, notification, deadline);
              case CUSTOM_BOT -> toCustomBot(group, notification, deadline);
            };
        count(tag, outcome.name().toLowerCase(java.util.Locale.ROOT));
        LOG.infof(
            "alert group %s (%s, %s): %s",
            group,
            notification.status().wireName(),
            tag,
            outcome.name().toLowerCase(java.util.Locale.ROOT));
        return new AlertReceipt.Delivered(outcome);
      } finally {
        ledger.unlock(group);
      }
    } catch (IdempotencyStoreUnavailableException e) {
      count(tag, "failed");
      LOG.warnf("alert group %s: idempotency store unavailable, retry later", group);
      return new AlertReceipt.RetryLater();
    } catch (RuntimeException e) {
      // Feishu refused or could not be reached, the deadline passed, the breaker is open, the
      // rate limit is spent: Alertmanager sends it again later.
      count(tag, "failed");
      LOG.warnf("alert group %s: not delivered (%s)", group, FeishuApiException.describe(e));
      return new AlertReceipt.RetryLater();
    }
  }

  /** Posts the group's card to the chat, or updates the one posted for it before. */
  private AlertReceipt.Outcome toChat(
      String group, String chatId, Notification notification, Instant deadline) {
    boolean silences = config.alertmanager().url().filter(url -> !url.isBlank()).isPresent();
    Optional<AlertCard> earlier =
        ledger.card(group).filter(card -> card.channel() == AlertCard.Channel.APP);
    Optional<String> current =
        earlier.filter(card -> !reopens(card, notification)).flatMap(AlertCard::messageId);
    Notification kept = notification.trimmed(STORED_ALERTS);
    if (current.isPresent()) {
      String messageId = current.get();
      AlertView view =
          ledger.view(
              group, new AlertCard(AlertCard.Channel.APP, chatId, current, "", kept), silences);
      MessageContent content = AlertCards.forChat(view);
      String digest = digest(content.content());
      AlertCard card = new AlertCard(AlertCard.Channel.APP, chatId, current, digest, kept);
      if (digest.equals(earlier.get().digest())) {
        ledger.saveCard(group, card); // keeps the record for another retention period
        return AlertReceipt.Outcome.UNCHANGED;
      }
      try {
        sender.updateCard(messageId, content, deadline).await().atMost(remaining(deadline));
        ledger.saveCard(group, card);
        return AlertReceipt.Outcome.UPDATED;
      } catch (PermanentFeishuException gone) {
        // Deleted, or past Feishu's 14 days for updates: a new card takes its place below.
        LOG.infof("alert group %s: card %s cannot be updated, posting a new one", group, messageId);
      }
    }
    // A new card: the group's first, or its first since it resolved. Its uuid follows from the
    // card it succeeds, so a retry of this post is the same post to Feishu.
    String after = earlier.flatMap(AlertCard::messageId).orElse("first");
    AlertView view =
        new AlertView(kept, Optional.empty(), Optional.empty(), Optional.of(group), silences);
    MessageContent content = AlertCards.forChat(view);
    SentMessage sent =
        sender
            .sendToChat(chatId, content, uuid(group, after), deadline)
            .await()
            .atMost(remaining(deadline));
    ledger.saveCard(
        group,
        new AlertCard(
            AlertCard.Channel.APP,
            chatId,
            Optional.ofNullable(sent.messageId()),
            digest(content.content()),
            kept));
    return AlertReceipt.Outcome.POSTED;
  }

  /** Posts the group's card through the custom bot, unless it would repeat the last one. */
  private AlertReceipt.Outcome toCustomBot(
      String group, Notification notification, Instant deadline) {
    Notification kept = notification.trimmed(STORED_ALERTS);
    CustomBotContent content = AlertCards.forCustomBot(AlertView.withoutCallbacks(kept));
    String digest = digest(content.fields());
    AlertCard card =
        new AlertCard(AlertCard.Channel.CUSTOM_BOT, "", Optional.empty(), digest, kept);
    Optional<AlertCard> earlier = ledger.card(group);
    if (earlier.filter(last -> last.digest().equals(digest)).isPresent()) {
      ledger.saveCard(group, card);
      return AlertReceipt.Outcome.UNCHANGED;
    }
    // A custom bot cannot update what it posted: a change (resolved, more alerts) is a new card.
    customBot.send(content, deadline);
    ledger.saveCard(group, card);
    return AlertReceipt.Outcome.POSTED;
  }

  /** A group that fires again after its card turned green gets a new card. */
  private static boolean reopens(AlertCard card, Notification notification) {
    return card.notification().status() == AlertStatus.RESOLVED
        && notification.status() == AlertStatus.FIRING;
  }

  private boolean authorized(String authorization) {
    if (tokenDigest.isEmpty() || authorization == null) {
      return false;
    }
    String value = authorization.strip();
    if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    // Digests of equal length, compared in constant time: neither the token's bytes nor its
    // length can be found by timing the answers.
    return MessageDigest.isEqual(tokenDigest.get(), sha256(value.substring(7).strip()));
  }

  /**
   * The group's id: where its card goes and Alertmanager's group key (route and group labels), as a
   * short hash. Buttons carry it; it reveals nothing of the labels.
   */
  static String groupId(AlertCard.Channel channel, String chatId, Notification notification) {
    String key =
        notification.groupKey().isEmpty()
            ? new TreeMap<>(notification.groupLabels()).toString()
            : notification.groupKey();
    String name =
        channel
            + "\n"
            + (chatId == null ? "" : chatId)
            + "\n"
            + notification.receiver()
            + "\n"
            + key;
    return HexFormat.of().formatHex(sha256(name)).substring(0, 32);
  }

  static String digest(String rendered) {
    return HexFormat.of().formatHex(sha256(rendered)).substring(0, 32);
  }

  private static String uuid(String group, String after) {
    return UUID.nameUUIDFromBytes(
            ("feishu-bot:alerts:" + group + ":" + after).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private Duration remaining(Instant deadline) {
    // The sender gives up by the deadline itself; this only bounds the wait if it did not.
    Duration left = Duration.between(clock.instant(), deadline);
    return (left.isNegative() ? Duration.ZERO : left).plusSeconds(1);
  }

  private static byte[] sha256(String text) {
    return Digests.newDigest("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String tag(AlertCard.Channel channel) {
    return channel == AlertCard.Channel.APP ? "app" : "custom_bot";
  }

  private void count(String channel, String outcome) {
    counter(channel, outcome).increment();
  }

  private Counter counter(String channel, String outcome) {
    return Counter.builder("feishu.alerts.notifications")
        .description("Alertmanager notifications by channel and outcome")
        .tag("channel", channel)
        .tag("outcome", outcome)
        .register(registry);
  }
}
