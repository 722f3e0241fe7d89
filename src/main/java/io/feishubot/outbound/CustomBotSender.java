package io.feishubot.outbound;

import io.feishubot.config.FeishuConfig;
import io.feishubot.config.SecretUrl;
import io.feishubot.feishu.CustomBotSignature;
import io.feishubot.message.CustomBotContent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Posts to the group custom bot configured by {@code FEISHU_WEBHOOK_URL}, signed with {@code
 * FEISHU_WEBHOOK_SECRET} when one is set, within Feishu's rate for a custom bot (5 calls a second,
 * 100 a minute), which this process keeps: posts queue for their turn. Custom bots cannot call
 * back, cannot update what they posted and return no message id: they are the way to post for teams
 * without an app.
 *
 * <p>Checked at startup: a hook URL that is not an absolute http(s) URL stops the application, with
 * a message that names the setting but never quotes its value, which is a credential.
 */
@Startup
@ApplicationScoped
public class CustomBotSender {

  /** Feishu's rate for a custom bot: 5 calls a second and 100 a minute. */
  static final Duration SPACING = Duration.ofMillis(200);

  static final int PER_MINUTE = 100;

  private final CustomBotEndpoint endpoint;
  private final OutboundAttempts attempts;
  private final OutboundBudget budget;
  private final Clock clock;
  private final CallPacer pacer;
  private final Optional<URI> hook;
  private final Optional<String> secret;

  public CustomBotSender(
      CustomBotEndpoint endpoint,
      OutboundAttempts attempts,
      OutboundBudget budget,
      Clock clock,
      FeishuConfig config) {
    this.endpoint = endpoint;
    this.attempts = attempts;
    this.budget = budget;
    this.clock = clock;
    this.pacer = new CallPacer(clock, SPACING, PER_MINUTE, Duration.ofMinutes(1));
    this.hook =
        config
            .webhook()
            .url()
            .filter(url -> !url.isBlank())
            .map(url -> SecretUrl.parse(url, "feishu.webhook.url (FEISHU_WEBHOOK_URL)"));
    this.secret = config.webhook().secret().filter(value -> !value.isBlank());
  }

  /** Whether a custom bot is configured. */
  public boolean configured() {
    return hook.isPresent();
  }

  /**
   * Posts {@code content} once the bot's rate allows (5 calls a second, 100 a minute; calls queue
   * for their turn), retrying transient failures until {@code deadline}. Blocks: call it from a
   * worker thread.
   *
   * @throws FeishuApiException when the bot refuses (19021 signature or clock, 19022 IP, 19024
   *     keyword, …) or cannot be reached
   * @throws OutboundDeadlineException when the rate leaves no turn before the deadline
   * @throws IllegalStateException when no custom bot is configured
   */
  public void send(CustomBotContent content, Instant deadline) {
    URI target = hook.orElseThrow(() -> new IllegalStateException("no custom bot configured"));
    waitForTurn(deadline);
    long timestamp = clock.instant().getEpochSecond();
    String body =
        secret
            .map(key -> content.body(timestamp, CustomBotSignature.sign(timestamp, key)))
            .orElseGet(content::body);
    endpoint.post(target, body, deadline);
  }

  /** Takes the next turn the rate allows, if an attempt started then still fits the deadline. */
  private void waitForTurn(Instant deadline) {
    Optional<Instant> turn = pacer.reserve(budget.latestAttemptStart(deadline));
    if (turn.isEmpty()) {
      attempts.countRateLimit(OpenApiEndpoint.CUSTOM_BOT, "gave_up");
      throw new OutboundDeadlineException(OpenApiEndpoint.CUSTOM_BOT, budget.remaining(deadline));
    }
    Duration wait = Duration.between(clock.instant(), turn.get());
    if (wait.isNegative() || wait.isZero()) {
      return;
    }
    attempts.countRateLimit(OpenApiEndpoint.CUSTOM_BOT, "waited");
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OutboundDeadlineException(OpenApiEndpoint.CUSTOM_BOT, budget.remaining(deadline));
    }
  }
}
