package io.feishubot.router.deploy;

import io.feishubot.message.CardAnswer;
import io.feishubot.message.Toast;
import io.feishubot.router.CardActionContext;
import io.feishubot.router.Decision;

/** Records an Approve or Reject press once, and answers with the card as decided. */
final class DeployDecision {

  private DeployDecision() {}

  static CardAnswer decide(CardActionContext context, String outcome) {
    DeployRequest request = DeployRequest.from(context.arguments());
    if (request == null || context.openMessageId() == null) {
      return CardAnswer.of(Toast.error("This card does not describe a deploy."));
    }
    Decision decision =
        context
            .decisions()
            .decide("deploy:" + context.openMessageId(), outcome, context.operator().openId());
    return CardAnswer.of(DeployCards.toast(decision), DeployCards.decided(request, decision));
  }
}
