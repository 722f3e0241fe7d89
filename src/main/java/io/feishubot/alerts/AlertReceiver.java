package io.feishubot.alerts;

import io.feishubot.config.FeishuConfig;
import io.feishubot.feishu.Digests;
import io.feishubot.idempotency.IdempotencyStoreUnavailableException;
import io.feishubot.outbound.FeishuApiException;
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
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Receives one Alertmanager notification: authenticate, read, pick where it goes, and have {@link
 * AlertDelivery} post or update the group's card under the group's lock, so one notification per
 * group at a time. Alertmanager waits for the answer, so this runs start to finish on the request's
 * worker thread, with {@code feishu.alerts.deadline} for Feishu's retries.
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

  /** How long a notification waits for another one of its group to finish. */
  private static final Duration LOCK_PATIENCE = Duration.ofSeconds(1);

  private static final Duration LOCK_GRACE = Duration.ofSeconds(2);

  private final FeishuConfig config;
  private final AlertLedger ledger;
  private final AlertDelivery delivery;
  private final Clock clock;
  private final MeterRegistry registry;
  private final Optional<byte[]> tokenDigest;

  public AlertReceiver(
      FeishuConfig config,
      AlertLedger ledger,
      AlertDelivery delivery,
      Clock clock,
      MeterRegistry registry) {
    this.config = config;
    this.ledger = ledger;
    this.delivery = delivery;
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
    } else if (delivery.customBotConfigured()) {
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
              case APP -> delivery.toChat(group, chatId, notification, deadline);
              case CUSTOM_BOT -> delivery.toCustomBot(group, notification, deadline);
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
