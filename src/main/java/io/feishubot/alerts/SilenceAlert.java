package io.feishubot.alerts;

import io.feishubot.config.FeishuConfig;
import io.feishubot.message.CardAnswer;
import io.feishubot.message.Toast;
import io.feishubot.outbound.AlertmanagerApi;
import io.feishubot.outbound.AlertmanagerApiException;
import io.feishubot.outbound.Silence;
import io.feishubot.router.CardActionContext;
import io.feishubot.router.CardActionHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Silence 1h and Silence 4h on an alert card: creates a silence in Alertmanager ({@code POST
 * /api/v2/silences}) matching the group's labels, made by the person who pressed, with a comment
 * naming the chat, and shows its id on the card. A press while a silence from the card still covers
 * the time asked for shows that one instead of making another (a double click).
 */
@ApplicationScoped
public class SilenceAlert implements CardActionHandler {

  private static final Logger LOG = Logger.getLogger(SilenceAlert.class);

  /** A new press for the same duration within this long of the last one adds no silence. */
  private static final Duration SAME_SILENCE = Duration.ofMinutes(1);

  private final AlertCardActions actions;
  private final AlertmanagerApi alertmanager;
  private final Optional<URI> alertmanagerUrl;

  public SilenceAlert(
      AlertLedger ledger, FeishuConfig config, Clock clock, AlertmanagerApi alertmanager) {
    this.actions = new AlertCardActions(ledger, config, clock);
    this.alertmanager = alertmanager;
    this.alertmanagerUrl =
        config
            .alertmanager()
            .url()
            .filter(url -> !url.isBlank())
            .map(url -> URI.create(url.trim()));
  }

  @Override
  public String action() {
    return AlertCards.SILENCE;
  }

  @Override
  public CardAnswer handle(CardActionContext context) {
    Duration duration =
        AlertCards.SILENCE_DURATIONS.get(context.arguments().getOrDefault(AlertCards.DURATION, ""));
    if (duration == null) {
      return AlertCardActions.NOT_AN_ALERT_CARD;
    }
    if (alertmanagerUrl.isEmpty()) {
      return CardAnswer.of(
          Toast.error("Silences are not set up: FEISHU_ALERTMANAGER_URL is missing."));
    }
    try {
      return actions.onCard(context, (group, card) -> silence(context, group, card, duration));
    } catch (AlertmanagerApiException e) {
      LOG.warnf("silence not created (%s)", e.getMessage());
      return CardAnswer.of(
          Toast.error("Alertmanager did not create the silence. Please try again."));
    }
  }

  private Toast silence(
      CardActionContext context, String group, AlertCard card, Duration duration) {
    Notification notification = card.notification();
    if (notification.status() == AlertStatus.RESOLVED) {
      return Toast.info("These alerts have resolved; nothing to silence.");
    }
    Instant now = actions.clock().instant();
    Instant endsAt = now.plus(duration);
    String messageId = context.openMessageId();
    Optional<SilenceNote> earlier = actions.ledger().silence(messageId);
    if (earlier.filter(s -> !s.endsAt().isBefore(endsAt.minus(SAME_SILENCE))).isPresent()) {
      return Toast.info(
          "Already silenced until " + AlertCardActions.WHEN.format(earlier.get().endsAt()));
    }
    List<Silence.Matcher> matchers = matchers(notification);
    if (matchers.isEmpty()) {
      return Toast.error("This group has no labels to silence it by.");
    }
    String operator =
        Optional.ofNullable(context.operator().userId()).orElse(context.operator().openId());
    String comment =
        "Silenced from Feishu chat "
            + Optional.ofNullable(context.openChatId()).orElse(card.chatId())
            + " for "
            + notification.alertName()
            + " ("
            + (duration.toHours() + "h")
            + ", feishu-bot)";
    String id =
        alertmanager.createSilence(
            alertmanagerUrl.get(), new Silence(matchers, now, endsAt, operator, comment));
    actions
        .ledger()
        .saveSilence(messageId, new SilenceNote(id, endsAt, context.operator().openId()));
    LOG.infof("alert group %s: silence %s created for %s", group, id, duration);
    return Toast.success(
        "Silenced until " + AlertCardActions.WHEN.format(endsAt) + " (silence " + id + ")");
  }

  /** The group's labels, which is what Alertmanager grouped by; else what all its alerts share. */
  private static List<Silence.Matcher> matchers(Notification notification) {
    Map<String, String> labels =
        notification.groupLabels().isEmpty()
            ? notification.commonLabels()
            : notification.groupLabels();
    return new java.util.TreeMap<>(labels)
        .entrySet().stream()
            .map(label -> new Silence.Matcher(label.getKey(), label.getValue()))
            .toList();
  }
}
