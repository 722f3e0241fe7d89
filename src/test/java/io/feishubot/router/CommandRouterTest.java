package io.feishubot.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feishubot.feishu.MessageReceived;
import io.feishubot.message.Card;
import io.feishubot.message.Message;
import io.feishubot.message.MessageContent;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandRouterTest {

  @Test
  void refusesTwoHandlersWithOneName_namingBoth() {
    CommandHandler other = new Named("ping", "another ping");
    assertThatThrownBy(() -> new CommandRouter(List.of(new PingCommand(), other)))
        .isInstanceOf(HandlerConflictException.class)
        .hasMessageContaining("'ping'")
        .hasMessageContaining(PingCommand.class.getName())
        .hasMessageContaining(Named.class.getName());
  }

  @Test
  void refusesInvalidNames() {
    for (String bad : new String[] {"", "Deploy", "/deploy", "two words", "-x"}) {
      assertThatThrownBy(() -> new CommandRouter(List.of(new Named(bad, "d"))))
          .isInstanceOf(HandlerConflictException.class);
    }
  }

  @Test
  void routesByName_andAnswersUnknownNames() {
    CommandRouter router = new CommandRouter(List.of(new PingCommand(), new Named("deploy", "d")));
    assertThat(router.route(context("ping"))).isEqualTo(Message.text("pong"));
    assertThat(router.route(context("deploy"))).isEqualTo(Message.text("deploy ran"));
    assertThat(router.route(context("nope")))
        .isEqualTo(Message.text("Unknown command /nope. Send /help to see what I can do."));
  }

  @Test
  void helpAnswersACard2_listingCommandsSortedByName() throws Exception {
    CommandRouter[] holder = new CommandRouter[1];
    CommandList commands = new CommandList(() -> holder[0]);
    HelpCommand help = new HelpCommand(commands);
    holder[0] = new CommandRouter(List.of(new PingCommand(), help, new Named("deploy", "Ship it")));

    Message answer = help.handle(context("help"));

    assertThat(answer).isInstanceOf(Card.class);
    MessageContent content = MessageContent.of(answer);
    assertThat(content.msgType()).isEqualTo("interactive");
    var card = new com.fasterxml.jackson.databind.ObjectMapper().readTree(content.content());
    assertThat(card.path("schema").asText()).isEqualTo("2.0");
    String markdown = card.path("body").path("elements").get(0).path("content").asText();
    assertThat(markdown)
        .isEqualTo(
            "**/deploy** — Ship it\n**/help** — List the commands I understand\n"
                + "**/ping** — Check that the bot is alive (answers pong)");
  }

  private static CommandContext context(String name) {
    MessageReceived.Message message =
        new MessageReceived.Message(
            "om_1", null, null, null, "oc_1", "group", "text", "{}", List.of());
    MessageReceived.Sender sender = new MessageReceived.Sender("user", "ou_1", null, null, "t");
    return new TestContext(new CommandLine(name, List.of(), ""), message, sender);
  }

  /** A context with no messenger: these handlers send nothing themselves. */
  private record TestContext(
      CommandLine command, MessageReceived.Message message, MessageReceived.Sender sender)
      implements CommandContext {
    @Override
    public String eventId() {
      return "e1";
    }

    @Override
    public String appId() {
      return "cli_test";
    }

    @Override
    public Messenger messenger() {
      throw new UnsupportedOperationException("not in this test");
    }
  }

  private record Named(String name, String description) implements CommandHandler {
    @Override
    public Message handle(CommandContext context) {
      return Message.text(name + " ran");
    }
  }
}
