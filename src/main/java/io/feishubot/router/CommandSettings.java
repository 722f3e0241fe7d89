package io.feishubot.router;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What configuration adds to the Java commands ({@code feishu.commands.*}): commands that call an
 * HTTP endpoint, and limits on who may run any command. Read once, when the {@link CommandRouter}
 * is built.
 */
public interface CommandSettings {

  /** Commands defined outside Java, each with the setting that defines it. */
  List<DefinedCommand> commands();

  /** Per command name, the limits set in configuration; only names with a limit set. */
  Map<String, AccessSetting> access();

  /**
   * A command defined outside Java.
   *
   * @param definedBy the setting, as startup errors name it: {@code feishu.commands.deploy.url
   *     (FEISHU_COMMANDS_DEPLOY_URL)}
   */
  record DefinedCommand(CommandHandler handler, String definedBy) {
    public DefinedCommand {
      Objects.requireNonNull(handler, "handler");
      Objects.requireNonNull(definedBy, "definedBy");
    }
  }

  /**
   * {@code allowed-chats} and {@code allowed-users} of one command: each, when set, replaces that
   * side of the command's own {@link CommandHandler#access()}.
   *
   * @param definedBy the settings, as startup errors name them
   */
  record AccessSetting(Optional<Set<String>> chats, Optional<Set<String>> users, String definedBy) {
    public AccessSetting {
      Objects.requireNonNull(chats, "chats");
      Objects.requireNonNull(users, "users");
      Objects.requireNonNull(definedBy, "definedBy");
    }

    /** {@code declared} with the sides set here replaced. */
    public Access over(Access declared) {
      return new Access(chats.orElse(declared.chats()), users.orElse(declared.users()));
    }
  }
}
