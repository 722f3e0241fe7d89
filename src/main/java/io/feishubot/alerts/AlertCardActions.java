package io.feishubot.alerts;

import io.feishubot.config.FeishuConfig;
import io.feishubot.message.Card;
import io.feishubot.message.CardAnswer;
import io.feishubot.message.MessageContent;
import io.feishubot.message.Toast;
import io.feishubot.router.CardActionContext;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * What the alert card's buttons share: find the group the card shows, hold its lock while the press
 * changes it (so that a notification of the group cannot update the card at the same moment with
 * what it read before), and answer with the card as it now is.
 */
final class AlertCardActions {

  static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /** A press has Feishu's 3 s: it waits this long at most for a notification of its group. */
  private static final Duration LOCK_PATIENCE = Duration.ofMillis(500);

  private static final Duration LOCK_HOLD = Duration.ofSeconds(3);

  static final CardAnswer NOT_AN_ALERT_CARD =
      CardAnswer.of(Toast.error("This card does not show an alert group."));
  static final CardAnswer NOT_CURRENT =
      CardAnswer.of(
          Toast.info("This alert card is no longer current: act on the group's latest card."));
  static final CardAnswer BUSY =
      CardAnswer.of(Toast.error("The alert card is being updated. Please try again."));

  /** What a press does to the group's card; returns the toast for the person who pressed. */
  interface Press {
    Toast apply(String group, AlertCard card);
  }

  private final AlertLedger ledger;
  private final FeishuConfig config;
  private final Clock clock;

  AlertCardActions(AlertLedger ledger, FeishuConfig config, Clock clock) {
    this.ledger = ledger;
    this.config = config;
    this.clock = clock;
  }

  AlertLedger ledger() {
    return ledger;
  }

  Clock clock() {
    return clock;
  }

  boolean silencesEnabled() {
    return config.alertmanager().url().filter(url -> !url.isBlank()).isPresent();
  }

  /**
   * Runs {@code press} on the card pressed, under its group's lock, and answers with the toast and
   * the card re-rendered (only when the press changed nothing the card shows does it stay as is).
   */
  CardAnswer onCard(CardActionContext context, Press press) {
    String group = context.arguments().get(AlertCards.GROUP);
    String messageId = context.openMessageId();
    if (group == null || messageId == null) {
      return NOT_AN_ALERT_CARD;
    }
    if (!ledger.lock(group, LOCK_PATIENCE, clock.instant().plus(LOCK_HOLD))) {
      return BUSY;
    }
    try {
      Optional<AlertCard> card =
          ledger.card(group).filter(c -> c.messageId().equals(Optional.of(messageId)));
      if (card.isEmpty()) {
        return NOT_CURRENT;
      }
      Toast toast = press.apply(group, card.get());
      AlertView view = ledger.view(group, card.get(), silencesEnabled());
      Card answer = AlertCards.chatCard(view);
      // The card as the chat now shows it: a notification that renders the same sends nothing.
      ledger.saveCard(
          group, card.get().withDigest(AlertDelivery.digest(MessageContent.of(answer).content())));
      return CardAnswer.of(toast, answer);
    } finally {
      ledger.unlock(group);
    }
  }
}
