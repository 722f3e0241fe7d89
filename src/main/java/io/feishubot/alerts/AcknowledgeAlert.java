package io.feishubot.alerts;

import io.feishubot.config.FeishuConfig;
import io.feishubot.message.CardAnswer;
import io.feishubot.message.Toast;
import io.feishubot.router.CardActionContext;
import io.feishubot.router.CardActionHandler;
import io.feishubot.router.Decision;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * Acknowledge on an alert card: the first press is the acknowledgement, decided once as every card
 * decision is; the card then shows who acknowledged and when, for everyone, and loses the button.
 * Later notifications of the group keep showing it.
 */
@ApplicationScoped
public class AcknowledgeAlert implements CardActionHandler {

  static final String OUTCOME = "Acknowledged";

  private final AlertCardActions actions;

  public AcknowledgeAlert(AlertLedger ledger, FeishuConfig config, Clock clock) {
    this.actions = new AlertCardActions(ledger, config, clock);
  }

  @Override
  public String action() {
    return AlertCards.ACKNOWLEDGE;
  }

  @Override
  public CardAnswer handle(CardActionContext context) {
    return actions.onCard(
        context,
        (group, card) -> {
          Decision decision =
              context
                  .decisions()
                  .decide(
                      "alerts.ack:" + context.openMessageId(),
                      OUTCOME,
                      context.operator().openId());
          // The same values on every press (the decision in force), so writing them again is
          // harmless; the ledger is what later notifications of the group read.
          actions
              .ledger()
              .saveAcknowledgement(
                  context.openMessageId(),
                  new Acknowledgement(decision.decidedBy(), decision.decidedAt()));
          return decision.byThisCall()
              ? Toast.success("Acknowledged")
              : Toast.info(
                  "Already acknowledged by "
                      + decision.decidedBy()
                      + " at "
                      + AlertCardActions.WHEN.format(decision.decidedAt()));
        });
  }
}
