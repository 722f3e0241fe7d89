package io.feishubot.alerts;

import io.feishubot.config.FeishuConfig;
import io.feishubot.feishu.Digests;
import io.feishubot.message.CustomBotContent;
import io.feishubot.message.MessageContent;
import io.feishubot.message.SentMessage;
import io.feishubot.outbound.CustomBotSender;
import io.feishubot.outbound.MessageSender;
import io.feishubot.outbound.PermanentFeishuException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Puts a group's notification in front of people: posts its card, or updates the card posted for
 * the group before, or sends nothing when the card would not change. Called with the group's lock
 * held; every step blocks (store, Open API, custom bot), within the notification's deadline.
 */
@ApplicationScoped
public class AlertDelivery {

  private static final Logger LOG = Logger.getLogger(AlertDelivery.class);

  /** The most alerts of a group the ledger keeps (the card shows ten at most). */
  private static final int STORED_ALERTS = 20;

  private final FeishuConfig config;
  private final AlertLedger ledger;
  private final MessageSender sender;
  private final CustomBotSender customBot;
  private final Clock clock;

  public AlertDelivery(
      FeishuConfig config,
      AlertLedger ledger,
      MessageSender sender,
      CustomBotSender customBot,
      Clock clock) {
    this.config = config;
    this.ledger = ledger;
    this.sender = sender;
    this.customBot = customBot;
    this.clock = clock;
  }

  boolean customBotConfigured() {
    return customBot.configured();
  }

  /** Posts the group's card to the chat, or updates the one posted for it before. */
  AlertReceipt.Outcome toChat(
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
  AlertReceipt.Outcome toCustomBot(String group, Notification notification, Instant deadline) {
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
}
