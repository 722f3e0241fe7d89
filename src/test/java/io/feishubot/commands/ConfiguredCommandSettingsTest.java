package io.feishubot.commands;

import static io.feishubot.commands.CommandTestSupport.commands;
import static io.feishubot.commands.CommandTestSupport.only;
import static io.feishubot.commands.CommandTestSupport.typed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feishubot.feishu.MessageReceived;
import io.feishubot.message.Message;
import io.feishubot.router.Access;
import io.feishubot.router.CommandContext;
import io.feishubot.router.CommandHandler;
import io.feishubot.router.CommandList;
import io.feishubot.router.CommandRouter;
import io.feishubot.router.HandlerConflictException;
import io.feishubot.router.HelpCommand;
import io.feishubot.router.PingCommand;
import io.feishubot.testsupport.CommandReceiver;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code feishu.commands.*} as a deployment sets it, through environment variables only: every key
 * in its env-var spelling, the defaults, and what stops startup.
 */
class ConfiguredCommandSettingsTest {

  private static final MessageReceived.Sender LISTED =
      new MessageReceived.Sender("user", "ou_x", null, null, "t");
  private static final MessageReceived.Sender OTHER =
      new MessageReceived.Sender("user", "ou_other", "u_other", "on_other", "t");

  @Test
  void everyKey_inItsEnvVarSpelling_configuresTheCommand() throws IOException {
    try (CommandReceiver receiver = CommandReceiver.signedWith("env-secret")) {
      receiver.answering(CommandReceiver.Answer.text("deployed"));
      ConfiguredCommands settings =
          commands(
              Map.of(
                  "FEISHU_COMMANDS_DEPLOY_URL", receiver.url(),
                  "FEISHU_COMMANDS_DEPLOY_DESCRIPTION", "Deploy a service",
                  "FEISHU_COMMANDS_DEPLOY_SECRET", "env-secret",
                  "FEISHU_COMMANDS_DEPLOY_TIMEOUT", "10m",
                  "FEISHU_COMMANDS_DEPLOY_ALLOWED_CHATS", "oc_a,oc_b",
                  "FEISHU_COMMANDS_DEPLOY_ALLOWED_USERS", "ou_x,ou_y"));

      CommandHandler deploy = only(settings);
      assertThat(deploy.name()).isEqualTo("deploy");
      assertThat(deploy.description()).isEqualTo("Deploy a service");
      assertThat(deploy.deferred()).isTrue();
      assertThat(deploy.jobTimeout()).contains(Duration.ofMinutes(10));
      assertThat(deploy.access())
          .isEqualTo(new Access(Set.of("oc_a", "oc_b"), Set.of("ou_x", "ou_y")));
      assertThat(settings.commands().get(0).definedBy())
          .isEqualTo("feishu.commands.deploy.url (FEISHU_COMMANDS_DEPLOY_URL)");
      // The secret signs the request: the receiver checks it with its own HMAC code.
      assertThat(deploy.handle(typed("/deploy api"))).isEqualTo(Message.text("deployed"));
      assertThat(receiver.received()).hasSize(1);
      assertThat(receiver.received().get(0).signatureValid()).contains(true);
    }
  }

  @Test
  void onlyAUrl_takesTheDocumentedDefaults() {
    CommandHandler deploy =
        only(commands(Map.of("FEISHU_COMMANDS_DEPLOY_URL", "https://ci.internal/deploy")));

    assertThat(deploy.description()).isEqualTo("Configured command (no description set)");
    assertThat(deploy.jobTimeout()).contains(Duration.ofSeconds(30));
    assertThat(deploy.access()).isEqualTo(Access.ANYONE);
    assertThat(deploy.deferred()).isTrue();
  }

  @Test
  void aDashedName_worksInThePropertySpelling() {
    CommandHandler rollBack =
        only(commands(Map.of("feishu.commands.roll-back.url", "https://ci.internal/rb")));
    assertThat(rollBack.name()).isEqualTo("roll-back");
  }

  @Test
  void anEnvVarThatSetsNothing_stopsStartup_namingIt() {
    for (String unread :
        new String[] {
          "FEISHU_COMMANDS_ROLL_BACK_URL", // a dashed name cannot be spelled so
          "FEISHU_COMMANDS_DEPLOY_ALLOWED_USER", // a misspelt key
        }) {
      assertThatThrownBy(
              () ->
                  commands(
                      Map.of(
                          "FEISHU_COMMANDS_DEPLOY_URL",
                          "https://ci.internal/deploy",
                          unread,
                          "ou_x")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith(unread + " set no command setting")
          .hasMessageNotContaining("ou_x");
    }
  }

  @Test
  void configuredCommands_areListedInHelp_withTheirDescriptions() {
    CommandRouter[] router = new CommandRouter[1];
    HelpCommand help = new HelpCommand(new CommandList(() -> router[0]));
    router[0] =
        new CommandRouter(
            List.of(new PingCommand(), help),
            List.of(
                commands(
                    Map.of(
                        "FEISHU_COMMANDS_DEPLOY_URL", "https://ci.internal/deploy",
                        "FEISHU_COMMANDS_DEPLOY_DESCRIPTION", "Deploy a service",
                        "FEISHU_COMMANDS_QUERY_URL", "https://ci.internal/query"))));

    String card = io.feishubot.message.MessageContent.of(help.handle(typed("/help"))).content();

    assertThat(card)
        .contains("**/deploy** — Deploy a service")
        .contains("**/query** — Configured command (no description set)")
        .contains("**/ping** — ");
    assertThat(router[0].knows("deploy")).isTrue();
  }

  @Test
  void aNameClashWithAJavaCommand_stopsStartup_namingTheClassAndTheSetting() {
    ConfiguredCommands settings =
        commands(Map.of("FEISHU_COMMANDS_PING_URL", "https://ci.internal/ping"));

    assertThatThrownBy(() -> new CommandRouter(List.of(new PingCommand()), List.of(settings)))
        .isInstanceOf(HandlerConflictException.class)
        .hasMessageContaining("'ping'")
        .hasMessageContaining(PingCommand.class.getName())
        .hasMessageContaining("feishu.commands.ping.url (FEISHU_COMMANDS_PING_URL)")
        .hasMessageNotContaining("ci.internal");
  }

  @Test
  void anInvalidName_stopsStartup_namingTheSetting() {
    ConfiguredCommands settings =
        commands(Map.of("feishu.commands.Deploy_Now.url", "https://ci.internal/x"));

    assertThatThrownBy(() -> new CommandRouter(List.of(new PingCommand()), List.of(settings)))
        .isInstanceOf(HandlerConflictException.class)
        .hasMessageContaining("feishu.commands.Deploy_Now.url")
        .hasMessageContaining("not valid");
  }

  @Test
  void aUrlThatIsNotAbsoluteHttp_stopsStartup_withoutQuotingIt() {
    for (String bad : new String[] {"ci.internal/x?token=abc123", "ftp://h/x?token=abc123", "::"}) {
      assertThatThrownBy(() -> commands(Map.of("FEISHU_COMMANDS_DEPLOY_URL", bad)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("feishu.commands.deploy.url (FEISHU_COMMANDS_DEPLOY_URL)")
          .hasMessageNotContaining("abc123");
    }
  }

  @Test
  void limitsWithoutAUrl_overrideAJavaCommandsAccess_sideBySide() {
    CommandHandler guarded = new Guarded();
    ConfiguredCommands settings =
        commands(
            Map.of(
                "FEISHU_COMMANDS_PING_ALLOWED_USERS", "ou_x",
                "FEISHU_COMMANDS_GUARDED_ALLOWED_CHATS", "oc_elsewhere"));

    CommandRouter router =
        new CommandRouter(List.of(new PingCommand(), guarded), List.of(settings));

    assertThat(settings.commands()).isEmpty();
    assertThat(router.accessOf("ping")).isEqualTo(Access.forUsers(Set.of("ou_x")));
    assertThat(router.accessOf("ping").allows("oc_any", LISTED)).isTrue();
    assertThat(router.accessOf("ping").allows("oc_any", OTHER)).isFalse();
    // allowed-chats replaced the Java chats; the Java users still apply.
    assertThat(router.accessOf("guarded"))
        .isEqualTo(new Access(Set.of("oc_elsewhere"), Set.of("ou_x")));
    assertThat(router.accessOf("guarded").allows("oc_ops", LISTED)).isFalse();
    assertThat(router.accessOf("guarded").allows("oc_elsewhere", LISTED)).isTrue();
    assertThat(router.accessOf("guarded").allows("oc_elsewhere", OTHER)).isFalse();
  }

  @Test
  void withoutSettings_aJavaCommandKeepsItsOwnAccess() {
    CommandRouter router =
        new CommandRouter(List.of(new PingCommand(), new Guarded()), List.of(commands(Map.of())));

    assertThat(router.accessOf("ping")).isEqualTo(Access.ANYONE);
    assertThat(router.accessOf("guarded")).isEqualTo(new Access(Set.of("oc_ops"), Set.of("ou_x")));
  }

  @Test
  void aConfiguredCommandsLimits_areItsAccess_forChatsAndUsers() {
    CommandRouter router =
        new CommandRouter(
            List.of(new PingCommand()),
            List.of(
                commands(
                    Map.of(
                        "FEISHU_COMMANDS_DEPLOY_URL", "https://ci.internal/deploy",
                        "FEISHU_COMMANDS_DEPLOY_ALLOWED_CHATS", "oc_ops",
                        "FEISHU_COMMANDS_QUERY_URL", "https://ci.internal/query",
                        "FEISHU_COMMANDS_QUERY_ALLOWED_USERS", "ou_x"))));

    assertThat(router.accessOf("deploy").allows("oc_ops", OTHER)).isTrue();
    assertThat(router.accessOf("deploy").allows("oc_other", LISTED)).isFalse();
    assertThat(router.accessOf("query").allows("oc_other", LISTED)).isTrue();
    assertThat(router.accessOf("query").allows("oc_ops", OTHER)).isFalse();
    // Matched by any of the sender's ids.
    assertThat(
            router
                .accessOf("query")
                .allows("oc_ops", new MessageReceived.Sender("user", "ou_1", "ou_x", null, "t")))
        .isTrue();
  }

  @Test
  void aLimitOnACommandThatDoesNotExist_stopsStartup() {
    ConfiguredCommands settings = commands(Map.of("FEISHU_COMMANDS_DEPOLY_ALLOWED_USERS", "ou_x"));

    assertThatThrownBy(() -> new CommandRouter(List.of(new PingCommand()), List.of(settings)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("FEISHU_COMMANDS_DEPOLY_ALLOWED_USERS")
        .hasMessageContaining("/depoly")
        .hasMessageContaining("no such command");
  }

  @Test
  void aDescriptionOrSecretWithoutAUrl_stopsStartup() {
    assertThatThrownBy(() -> commands(Map.of("FEISHU_COMMANDS_PING_DESCRIPTION", "Pong!")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("feishu.commands.ping.url (FEISHU_COMMANDS_PING_URL) is not set");
    assertThatThrownBy(() -> commands(Map.of("FEISHU_COMMANDS_PING_SECRET", "s3cr3t-value")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining("s3cr3t-value");
  }

  /** A Java command that limits itself: only ou_x, only in oc_ops. */
  private static final class Guarded implements CommandHandler {
    @Override
    public String name() {
      return "guarded";
    }

    @Override
    public String description() {
      return "Limited in Java";
    }

    @Override
    public Message handle(CommandContext context) {
      return Message.text("ran");
    }

    @Override
    public Access access() {
      return new Access(Set.of("oc_ops"), Set.of("ou_x"));
    }
  }
}
