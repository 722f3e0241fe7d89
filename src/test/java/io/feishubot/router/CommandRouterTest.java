package io.feishubot.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandRouterTest {

  @Test
  void refusesTwoHandlersWithOneName() {
    CommandHandler other = new Named("ping", "another ping");
    assertThatThrownBy(() -> new CommandRouter(List.of(new PingCommand(), other)))
        .isInstanceOf(DuplicateCommandException.class)
        .hasMessageContaining("'ping'")
        .hasMessageContaining(PingCommand.class.getName());
  }

  @Test
  void refusesInvalidNames() {
    for (String bad : new String[] {"", "Deploy", "/deploy", "two words", "-x"}) {
      assertThatThrownBy(() -> new CommandRouter(List.of(new Named(bad, "d"))))
          .isInstanceOf(DuplicateCommandException.class);
    }
  }

  @Test
  void routesByName_andAnswersUnknownNames() {
    CommandRouter router = new CommandRouter(List.of(new PingCommand(), new Named("deploy", "d")));
    assertThat(router.route(context("ping"))).isEqualTo(Reply.text("pong"));
    assertThat(router.route(context("deploy"))).isEqualTo(Reply.text("deploy ran"));
    assertThat(((Reply.Text) router.route(context("nope"))).text())
        .isEqualTo("Unknown command /nope. Send /help to see what I can do.");
  }

  @Test
  void helpListsCommandsSortedByName() {
    CommandRouter[] holder = new CommandRouter[1];
    HelpCommand help = new HelpCommand(() -> holder[0]);
    holder[0] = new CommandRouter(List.of(new PingCommand(), help, new Named("deploy", "Ship it")));
    assertThat(((Reply.Text) help.handle(context("help"))).text())
        .isEqualTo(
            "Commands:\n/deploy - Ship it\n/help - List the commands I understand\n"
                + "/ping - Check that the bot is alive (answers pong)");
  }

  @Test
  void textReplyContent_isAJsonDocumentAsString() {
    assertThat(Reply.text("say \"hi\"\n").content()).isEqualTo("{\"text\":\"say \\\"hi\\\"\\n\"}");
    assertThat(Reply.text("x").msgType()).isEqualTo("text");
  }

  private static CommandContext context(String name) {
    return new CommandContext(
        new CommandLine(name, List.of(), ""), "e1", "om_1", "oc_1", "group", "ou_1");
  }

  private record Named(String name, String description) implements CommandHandler {
    @Override
    public Reply handle(CommandContext context) {
      return Reply.text(name + " ran");
    }
  }
}
