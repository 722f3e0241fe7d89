package io.feishubot.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.feishubot.feishu.EventHeader;
import io.feishubot.feishu.MessageReceived;
import io.feishubot.idempotency.ClaimResult;
import io.feishubot.idempotency.IdempotencyKey;
import io.feishubot.idempotency.InMemoryIdempotencyStore;
import io.feishubot.jobs.JobRefusedException;
import io.feishubot.message.Message;
import io.feishubot.message.MessageContent;
import io.feishubot.message.SentMessage;
import io.feishubot.outbound.MessageSender;
import io.feishubot.router.CommandContext;
import io.feishubot.router.CommandFailedException;
import io.feishubot.router.CommandHandler;
import io.feishubot.router.CommandLine;
import io.feishubot.router.CommandRouter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The failures a command answers in words instead of a redelivery, through the real execution,
 * store and router: a reply over Feishu's size limit, a {@link CommandFailedException}, and one
 * whose own reply is over the limit. Each is answered once and the event completes.
 */
class CommandAnswersTest {

  private static final String TOO_LONG = "x".repeat(MessageContent.TEXT_LIMIT_BYTES + 1);
  private static final Instant NOW = Instant.parse("2026-12-02T01:00:00Z");

  private final List<String> replies = new CopyOnWriteArrayList<>();
  private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(Duration.ofHours(1));
  private final EventExecution execution =
      new EventExecution(
          store,
          new CommandRouter(
              List.of(
                  command("huge", context -> Message.text(TOO_LONG)),
                  command(
                      "fails",
                      context -> {
                        throw new CommandFailedException(Message.text("it broke"), "broke");
                      }),
                  command(
                      "fails-huge",
                      context -> {
                        throw new CommandFailedException(Message.text(TOO_LONG), "broke");
                      }))),
          new RecordingSender(),
          job -> {
            throw new JobRefusedException("no jobs here");
          },
          Clock.fixed(NOW, ZoneOffset.UTC),
          new SimpleMeterRegistry());

  @Test
  void aReplyOverTheLimitIsAnsweredInWordsAndTheEventCompletes() {
    assertThat(run("huge", "ev_1")).isEqualTo(accepted());
    assertThat(replies).containsExactly("/huge answered with a message too large to send.");
    assertThat(store.claim(key("ev_1"), NOW, NOW.plusSeconds(5)))
        .isInstanceOf(ClaimResult.Taken.class);
  }

  @Test
  void aFailureInWordsIsAnsweredWithItsReply() {
    assertThat(run("fails", "ev_2")).isEqualTo(accepted());
    assertThat(replies).containsExactly("it broke");
  }

  @Test
  void aFailureWhoseReplyIsOverTheLimitIsAnsweredInWords() {
    assertThat(run("fails-huge", "ev_3")).isEqualTo(accepted());
    assertThat(replies).containsExactly("/fails-huge answered with a message too large to send.");
  }

  private WebhookResult run(String name, String eventId) {
    MessageReceived received =
        new MessageReceived(
            new MessageReceived.Sender("user", "ou_1", null, null, "tenant"),
            new MessageReceived.Message(
                "om_1", null, null, null, "oc_1", "group", "text", "{}", List.of()));
    Triage.Pending pending =
        new Triage.Pending(
            new EventHeader(eventId, MessageReceived.EVENT_TYPE, null, "cli_app", null, null),
            "cli_app",
            new Triage.RunCommand(received, new CommandLine(name, List.of(), ""), name),
            NOW,
            NOW.plusSeconds(3));
    return execution.run(pending).await().atMost(Duration.ofSeconds(5));
  }

  private static IdempotencyKey key(String eventId) {
    return new IdempotencyKey("cli_app", eventId);
  }

  private static WebhookResult accepted() {
    return new WebhookResult.Acknowledged(WebhookResult.Outcome.ACCEPTED);
  }

  private static CommandHandler command(String name, Function<CommandContext, Message> body) {
    return new CommandHandler() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return name;
      }

      @Override
      public Message handle(CommandContext context) {
        return body.apply(context);
      }

      @Override
      public boolean mayBlock() {
        return false;
      }
    };
  }

  /** Keeps the text of each reply; a reply over the limit never gets here (it is not rendered). */
  private final class RecordingSender implements MessageSender {
    @Override
    public Uni<SentMessage> reply(
        String chatId, String messageId, MessageContent content, String uuid, Instant deadline) {
      replies.add(content.content().replaceAll("^\\{\"text\":\"|\"}$", ""));
      return Uni.createFrom().item(new SentMessage("om_reply"));
    }

    @Override
    public Uni<SentMessage> sendToChat(
        String chatId, MessageContent content, String uuid, Instant deadline) {
      throw new AssertionError("commands reply in thread");
    }

    @Override
    public Uni<Void> updateCard(String messageId, MessageContent content, Instant deadline) {
      throw new AssertionError("no card here");
    }
  }
}
