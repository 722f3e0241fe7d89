package io.feishubot.alerts;

import io.feishubot.message.Card;
import io.feishubot.message.Card.Button;
import io.feishubot.message.Card.ButtonStyle;
import io.feishubot.message.Card.Field;
import io.feishubot.message.Card.HeaderColor;
import io.feishubot.message.CustomBotContent;
import io.feishubot.message.MessageContent;
import io.feishubot.message.MessageTooLargeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The card of an alert group: red while firing, green once resolved, with the alert name, severity,
 * summary and description, the labels that tell the alerts apart, start time, links to the source
 * and to Alertmanager, who acknowledged and what is silenced, and the Acknowledge and Silence
 * buttons while it fires. A large group is summarised: fewer alerts in detail, shorter texts, until
 * the card fits Feishu's limit.
 */
final class AlertCards {

  static final String ACKNOWLEDGE = "alerts.ack";
  static final String SILENCE = "alerts.silence";
  static final String GROUP = "group";
  static final String DURATION = "duration";

  /** The Silence buttons: label and the duration argument they carry. */
  static final Map<String, java.time.Duration> SILENCE_DURATIONS =
      Map.of("1h", java.time.Duration.ofHours(1), "4h", java.time.Duration.ofHours(4));

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /** How much detail each attempt shows, from most to least, until the card fits. */
  private record Detail(int alerts, int textChars, int labelChars) {}

  private static final List<Detail> DETAIL =
      List.of(
          new Detail(10, 1500, 200),
          new Detail(5, 800, 120),
          new Detail(2, 400, 80),
          new Detail(0, 200, 60));

  private AlertCards() {}

  /** The card for the app bot's chat message, within the IM API's 30 KB. */
  static MessageContent forChat(AlertView view) {
    return fitted(view, MessageContent::of);
  }

  /** The card itself, as {@link #forChat} renders it: what a card action answers with. */
  static Card chatCard(AlertView view) {
    return fitted(
        view,
        card -> {
          MessageContent.of(card); // throws when over the limit
          return card;
        });
  }

  /** The card for a custom bot, within its 20 KB body; it never has callback buttons. */
  static CustomBotContent forCustomBot(AlertView view) {
    return fitted(view.group().isEmpty() ? view : withoutGroup(view), CustomBotContent::of);
  }

  /** The card with the most detail that renders within the limit. */
  static <T> T fitted(AlertView view, Function<Card, T> render) {
    for (Detail detail : DETAIL) {
      try {
        return render.apply(card(view, detail));
      } catch (MessageTooLargeException tooLarge) {
        // Less detail next.
      }
    }
    // Labels and annotations too large even for one line each: say so, and point to Alertmanager.
    return render.apply(minimal(view));
  }

  static Card card(AlertView view) {
    return card(view, DETAIL.get(0));
  }

  private static Card card(AlertView view, Detail detail) {
    Notification group = view.notification();
    boolean firing = group.status() == AlertStatus.FIRING;
    Card.Builder card = header(view);
    card.fields(fields(group));
    group
        .annotation("summary")
        .ifPresent(summary -> card.markdown("**Summary**\n" + text(summary, detail.textChars())));
    group
        .annotation("description")
        .ifPresent(
            description ->
                card.markdown("**Description**\n" + text(description, detail.textChars())));
    // What every alert of the group has in common, beyond the name and severity shown above.
    Map<String, String> common = new TreeMap<>(group.commonLabels());
    common.remove("alertname");
    common.remove("severity");
    if (!common.isEmpty()) {
      card.markdown("**Labels** " + labels(common, detail.labelChars()));
    }
    card.markdown(alerts(group, detail));
    view.acknowledgement()
        .ifPresent(
            ack ->
                card.markdown(
                    "**Acknowledged** by "
                        + Card.mention(ack.by())
                        + " at "
                        + WHEN.format(ack.at())));
    view.silence()
        .ifPresent(
            silence ->
                card.markdown(
                    "**Silenced** until "
                        + WHEN.format(silence.endsAt())
                        + " by "
                        + Card.mention(silence.by())
                        + " (silence "
                        + CardMarkdown.escapeLine(silence.id())
                        + ")"));
    List<Button> buttons = new ArrayList<>();
    if (firing) {
      buttons.addAll(actionButtons(view));
    }
    buttons.addAll(linkButtons(group));
    if (!buttons.isEmpty()) {
      card.divider().buttons(buttons.toArray(Button[]::new));
    }
    return card.build();
  }

  private static Card minimal(AlertView view) {
    Notification group = view.notification();
    Card.Builder card = header(view).fields(fields(group));
    card.markdown(
        group.alertCount() + " alerts; their labels are too large to show here, see Alertmanager.");
    List<Button> buttons = new ArrayList<>();
    if (group.status() == AlertStatus.FIRING) {
      buttons.addAll(actionButtons(view));
    }
    buttons.addAll(linkButtons(group));
    if (!buttons.isEmpty()) {
      card.buttons(buttons.toArray(Button[]::new));
    }
    return card.build();
  }

  private static Card.Builder header(AlertView view) {
    Notification group = view.notification();
    boolean firing = group.status() == AlertStatus.FIRING;
    // Header text is plain text: nothing in it is markup, so the alert name needs no escaping.
    String subtitle =
        (firing ? "Firing" : "Resolved")
            + " · "
            + group.alertCount()
            + (group.alertCount() == 1 ? " alert" : " alerts")
            + group.severity().map(severity -> " · " + severity).orElse("");
    return Card.builder()
        .header(
            CardMarkdown.shortened(group.alertName(), 100),
            firing ? HeaderColor.RED : HeaderColor.GREEN)
        .subtitle(CardMarkdown.shortened(subtitle, 100));
  }

  private static List<Field> fields(Notification group) {
    Instant started =
        group.alerts().stream().map(Alert::startsAt).min(Instant::compareTo).orElseThrow();
    String status =
        group.status() == AlertStatus.FIRING
            ? "**Firing**"
            : "**Resolved**"
                + group.alerts().stream()
                    .map(Alert::endsAt)
                    .flatMap(Optional::stream)
                    .max(Instant::compareTo)
                    .map(at -> " at " + WHEN.format(at))
                    .orElse("");
    return List.of(
        new Field("Alert", CardMarkdown.escapeLine(CardMarkdown.shortened(group.alertName(), 200))),
        new Field(
            "Severity",
            group
                .severity()
                .map(s -> CardMarkdown.escapeLine(CardMarkdown.shortened(s, 60)))
                .orElse("–")),
        new Field("Started", WHEN.format(started)),
        new Field("Status", status));
  }

  /** One line per alert, with the labels it does not share with the whole group. */
  private static String alerts(Notification group, Detail detail) {
    StringBuilder text = new StringBuilder("**Alerts**");
    List<Alert> shown = group.alerts().subList(0, Math.min(detail.alerts(), group.alerts().size()));
    for (Alert alert : shown) {
      Map<String, String> own = new TreeMap<>(alert.labels());
      group.commonLabels().forEach((name, value) -> own.remove(name, value));
      text.append("\n- ")
          .append(alert.status() == AlertStatus.FIRING ? "firing" : "resolved")
          .append(" · ")
          .append(own.isEmpty() ? "(same labels)" : labels(own, detail.labelChars()))
          .append(" · since ")
          .append(WHEN.format(alert.startsAt()));
      CardMarkdown.linkTarget(alert.generatorUrl())
          .ifPresent(url -> text.append(" · [source](").append(url).append(')'));
    }
    int more = group.alertCount() - shown.size();
    if (more > 0) {
      text.append("\n…and ").append(more).append(more == 1 ? " more alert" : " more alerts");
      CardMarkdown.linkTarget(group.externalUrl())
          .ifPresent(url -> text.append(" in [Alertmanager](").append(url).append(')'));
    }
    return text.toString();
  }

  private static String labels(Map<String, String> labels, int maxChars) {
    return new TreeMap<>(labels)
        .entrySet().stream()
            .map(
                label ->
                    CardMarkdown.escapeLine(CardMarkdown.shortened(label.getKey(), 60))
                        + "="
                        + CardMarkdown.escapeLine(
                            CardMarkdown.shortened(label.getValue(), maxChars)))
            .collect(Collectors.joining(", "));
  }

  private static String text(String text, int maxChars) {
    return CardMarkdown.escape(CardMarkdown.shortened(text.strip(), maxChars));
  }

  private static List<Button> actionButtons(AlertView view) {
    List<Button> buttons = new ArrayList<>();
    view.group()
        .ifPresent(
            group -> {
              if (view.acknowledgement().isEmpty()) {
                buttons.add(
                    Button.callback(
                        "Acknowledge", ButtonStyle.PRIMARY, ACKNOWLEDGE, arguments(GROUP, group)));
              }
              if (view.silences()) {
                for (String duration : List.of("1h", "4h")) {
                  buttons.add(
                      Button.callback(
                          "Silence " + duration,
                          ButtonStyle.DEFAULT,
                          SILENCE,
                          arguments(GROUP, group, DURATION, duration)));
                }
              }
            });
    return buttons;
  }

  /**
   * Arguments in a fixed order ({@code Map.of}'s varies between JVMs), so equal cards are equal.
   */
  private static Map<String, String> arguments(String... namesAndValues) {
    Map<String, String> arguments = new java.util.LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      arguments.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return arguments;
  }

  private static List<Button> linkButtons(Notification group) {
    List<Button> buttons = new ArrayList<>();
    group.alerts().stream()
        .map(Alert::generatorUrl)
        .map(CardMarkdown::linkTarget)
        .flatMap(Optional::stream)
        .findFirst()
        .ifPresent(url -> buttons.add(Button.link("Source", url)));
    CardMarkdown.linkTarget(group.externalUrl())
        .ifPresent(url -> buttons.add(Button.link("Alertmanager", url)));
    return buttons;
  }

  private static AlertView withoutGroup(AlertView view) {
    return new AlertView(
        view.notification(), view.acknowledgement(), view.silence(), Optional.empty(), false);
  }
}
