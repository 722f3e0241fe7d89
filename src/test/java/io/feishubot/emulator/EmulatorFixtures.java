package io.feishubot.emulator;

import io.feishubot.message.Card;
import io.feishubot.message.Card.Button;
import io.feishubot.message.Card.ButtonStyle;
import io.feishubot.message.Card.Field;
import io.feishubot.message.Card.HeaderColor;
import io.feishubot.message.Message;
import io.feishubot.message.SentMessage;
import io.feishubot.router.CommandContext;
import io.feishubot.router.CommandHandler;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Commands that exist only under {@link EmulatorProfile}: a card with callback buttons to press
 * (the browser test uses the bot's own {@code /deploy} when {@code /help} lists it, as it now
 * does), and a long-running command that posts a card and later updates it, as issue 15 asks the
 * emulator to show in place.
 */
final class EmulatorFixtures {

  /** Set by {@link EmulatorProfile} only. Not an alternative: that would hide the real commands. */
  static final String ENABLED = "emulator-test.fixtures";

  static final String APPROVAL = "emulator-approval";
  static final String PROGRESS = "emulator-progress";

  private EmulatorFixtures() {}

  /**
   * Answers an approval card whose buttons call back with {@code deploy.approve}/{@code reject}.
   */
  @IfBuildProperty(name = ENABLED, stringValue = "true")
  @ApplicationScoped
  public static class ApprovalCommand implements CommandHandler {
    @Override
    public String name() {
      return APPROVAL;
    }

    @Override
    public String description() {
      return "Test only: a card with callback buttons";
    }

    @Override
    public Message handle(CommandContext context) {
      return Card.builder()
          .header("Deploy api?", HeaderColor.ORANGE)
          .fields(
              List.of(
                  new Field("Service", "api"),
                  new Field("Requested by", Message.Text.mention(context.sender().openId()))))
          .buttons(
              Button.callback(
                  "Approve", ButtonStyle.PRIMARY, "deploy.approve", Map.of("service", "api")),
              Button.callback(
                  "Reject", ButtonStyle.DANGER, "deploy.reject", Map.of("service", "api")))
          .build();
    }

    @Override
    public boolean mayBlock() {
      return false;
    }
  }

  /** Replies with a grey "working" card, then updates that card (PATCH) to a green "Done". */
  @IfBuildProperty(name = ENABLED, stringValue = "true")
  @ApplicationScoped
  public static class ProgressCommand implements CommandHandler {
    @Override
    public String name() {
      return PROGRESS;
    }

    @Override
    public String description() {
      return "Test only: a card updated after it was sent";
    }

    @Override
    public Message handle(CommandContext context) {
      Duration wait = Duration.ofSeconds(2);
      SentMessage sent =
          context
              .messenger()
              .reply(context.message().messageId(), card(HeaderColor.GREY, "Working…"))
              .await()
              .atMost(wait);
      context
          .messenger()
          .updateCard(sent.messageId(), card(HeaderColor.GREEN, "**Done** in 2 steps"))
          .await()
          .atMost(wait);
      return Message.none();
    }

    private static Card card(HeaderColor color, String text) {
      return Card.builder().header("Progress demo", color).markdown(text).build();
    }
  }
}
