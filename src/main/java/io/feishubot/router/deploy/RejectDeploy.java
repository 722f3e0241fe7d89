package io.feishubot.router.deploy;

import io.feishubot.message.CardAnswer;
import io.feishubot.router.CardActionContext;
import io.feishubot.router.CardActionHandler;
import jakarta.enterprise.context.ApplicationScoped;

/** Reject on a deploy card: the first decision wins; the requester may withdraw this way. */
@ApplicationScoped
public class RejectDeploy implements CardActionHandler {

  @Override
  public String action() {
    return DeployCards.REJECT;
  }

  @Override
  public CardAnswer handle(CardActionContext context) {
    return DeployDecision.decide(context, DeployCards.REJECTED);
  }
}
