package io.feishubot.router.deploy;

import io.feishubot.message.CardAnswer;
import io.feishubot.message.Toast;
import io.feishubot.router.CardActionContext;
import io.feishubot.router.CardActionHandler;
import jakarta.enterprise.context.ApplicationScoped;

/** Approve on a deploy card: the first decision wins. */
@ApplicationScoped
public class ApproveDeploy implements CardActionHandler {

  @Override
  public String action() {
    return DeployCards.APPROVE;
  }

  @Override
  public CardAnswer handle(CardActionContext context) {
    // The rule: nobody approves their own request.
    if (context.operator().openId().equals(context.arguments().get("requester"))) {
      return CardAnswer.of(
          Toast.warning("You asked for this deploy: someone else must approve it."));
    }
    return DeployDecision.decide(context, DeployCards.APPROVED);
  }
}
