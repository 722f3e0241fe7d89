package io.feishubot.commands;

import io.feishubot.config.FeishuConfig;
import io.feishubot.feishu.MessageReceived;
import io.feishubot.message.Message;
import io.feishubot.outbound.CommandEndpoint;
import io.feishubot.outbound.CommandEndpoints;
import io.feishubot.router.CommandContext;
import io.feishubot.router.CommandFailedException;
import io.feishubot.router.CommandHandler;
import io.feishubot.router.CommandLine;
import io.feishubot.router.CommandLineParser;
import io.feishubot.router.Messenger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Configured commands built as the application builds them, from environment variables. */
final class CommandTestSupport {

  static final String SENDER_OPEN_ID = "ou_sender";
  static final String SENDER_USER_ID = "u_sender";
  static final String SENDER_UNION_ID = "on_sender";

  private CommandTestSupport() {}

  /** {@code FeishuConfig} read from {@code env} only, through SmallRye's environment source. */
  static FeishuConfig config(Map<String, String> env) {
    return smallRye(env).getConfigMapping(FeishuConfig.class);
  }

  private static SmallRyeConfig smallRye(Map<String, String> env) {
    return new SmallRyeConfigBuilder()
        .withMapping(FeishuConfig.class)
        // Quarkus' own converter reads the short forms ("30s", "10m") the settings use.
        .withConverter(Duration.class, 200, new DurationConverter())
        .withSources(new EnvConfigSource(env, 300))
        .build();
  }

  /** The real endpoint client, without CDI's fault-tolerance interceptors. */
  static CommandEndpoints endpoints() {
    return new CommandEndpoints(new CommandEndpoint(Clock.systemUTC(), new SimpleMeterRegistry()));
  }

  static ConfiguredCommands commands(Map<String, String> env) {
    SmallRyeConfig config = smallRye(env);
    return new ConfiguredCommands(
        config.getConfigMapping(FeishuConfig.class), config.getPropertyNames(), endpoints());
  }

  static CommandHandler only(ConfiguredCommands commands) {
    List<io.feishubot.router.CommandSettings.DefinedCommand> defined = commands.commands();
    if (defined.size() != 1) {
      throw new AssertionError("expected one configured command, got " + defined.size());
    }
    return defined.get(0).handler();
  }

  /** {@code @bot <line>} in a group, parsed as the webhook parses it. */
  static CommandContext typed(String line) {
    return typed(line, "oc_ops");
  }

  static CommandContext typed(String line, String chatId) {
    String content =
        "{\"text\":\"@_user_1 " + line.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    MessageReceived.Message message =
        new MessageReceived.Message(
            "om_msg1",
            null,
            null,
            null,
            chatId,
            "group",
            "text",
            content,
            List.of(new MessageReceived.Mention("@_user_1", "ou_bot", null, null, "Bot")));
    CommandLine command = new CommandLineParser(Optional.empty()).parse(message).orElseThrow();
    MessageReceived.Sender sender =
        new MessageReceived.Sender(
            "user", SENDER_OPEN_ID, SENDER_USER_ID, SENDER_UNION_ID, "tenant");
    return new TestContext(command, message, sender);
  }

  /** A context with no messenger: a configured command replies by its return value alone. */
  record TestContext(
      CommandLine command, MessageReceived.Message message, MessageReceived.Sender sender)
      implements CommandContext {
    @Override
    public String eventId() {
      return "ev_configured_1";
    }

    @Override
    public String appId() {
      return "cli_test";
    }

    @Override
    public Messenger messenger() {
      throw new UnsupportedOperationException("configured commands send nothing themselves");
    }
  }

  /** The reply the command posts: its answer, or the reply it failed with. */
  static Message replyOf(CommandHandler command, CommandContext context) {
    try {
      return command.handle(context);
    } catch (CommandFailedException failed) {
      return failed.reply();
    }
  }
}
