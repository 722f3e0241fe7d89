package io.feishubot.router.deploy;

import io.feishubot.message.Card;
import io.feishubot.message.Card.Button;
import io.feishubot.message.Card.ButtonStyle;
import io.feishubot.message.Card.Field;
import io.feishubot.message.Card.HeaderColor;
import io.feishubot.message.Toast;
import io.feishubot.router.Decision;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The cards and toasts of the {@code /deploy} demo: what is asked, and what was decided. */
final class DeployCards {

  static final String APPROVE = "deploy.approve";
  static final String REJECT = "deploy.reject";
  static final String APPROVED = "Approved";
  static final String REJECTED = "Rejected";

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private DeployCards() {}

  /** The request, with the arguments every button carries back. */
  static Card approval(DeployRequest request) {
    Map<String, String> arguments = request.arguments();
    return Card.builder()
        .header("Deploy " + request.service() + " " + request.version() + "?", HeaderColor.BLUE)
        .fields(fields(request))
        .buttons(
            Button.callback("Approve", ButtonStyle.PRIMARY, APPROVE, arguments),
            Button.callback("Reject", ButtonStyle.DANGER, REJECT, arguments))
        .build();
  }

  /** The request as decided, for everyone who sees the card: no buttons left to press. */
  static Card decided(DeployRequest request, Decision decision) {
    boolean approved = APPROVED.equals(decision.outcome());
    return Card.builder()
        .header(
            "Deploy " + request.service() + " " + request.version() + ": " + decision.outcome(),
            approved ? HeaderColor.GREEN : HeaderColor.RED)
        .fields(fields(request))
        .markdown(
            "**"
                + decision.outcome()
                + "** by "
                + Card.mention(decision.decidedBy())
                + " at "
                + WHEN.format(decision.decidedAt()))
        .build();
  }

  /** The decision in words, with who and when, for the person who pressed. */
  static Toast toast(Decision decision) {
    String said =
        decision.outcome()
            + " by "
            + decision.decidedBy()
            + " at "
            + WHEN.format(decision.decidedAt());
    return decision.byThisCall()
        ? Toast.success(said)
        : Toast.info("Already decided: " + said + ". Nothing was changed.");
  }

  private static List<Field> fields(DeployRequest request) {
    return List.of(
        new Field("Service", request.service()),
        new Field("Version", request.version()),
        new Field("Requested by", Card.mention(request.requester())));
  }
}
