package io.feishubot.commands;

import io.feishubot.config.FeishuConfig;
import io.feishubot.config.SecretUrl;
import io.feishubot.outbound.CommandEndpoints;
import io.feishubot.router.Access;
import io.feishubot.router.CommandLineParser;
import io.feishubot.router.CommandSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * Reads {@code feishu.commands.*}: an entry with a {@code url} becomes a {@link ConfiguredCommand};
 * an entry without one only limits who may run the Java command of that name, and may set nothing
 * else. Names are lower-case letters, digits and dashes; as environment variables ({@code
 * FEISHU_COMMANDS_DEPLOY_URL}) only names without a dash can be spelled, and a {@code
 * FEISHU_COMMANDS_*} variable that sets nothing stops startup. The {@link
 * io.feishubot.router.CommandRouter} registers both at startup and stops the application on a
 * clash, an invalid name or a limit on a command that does not exist.
 */
@ApplicationScoped
public class ConfiguredCommands implements CommandSettings {

  /** The {@code /help} line of a command without {@code description}. */
  static final String DEFAULT_DESCRIPTION = "Configured command (no description set)";

  private static final String ENV_PREFIX = "FEISHU_COMMANDS_";
  private static final List<String> KEYS =
      List.of("url", "description", "secret", "timeout", "allowed-chats", "allowed-users");

  private final List<DefinedCommand> commands = new ArrayList<>();
  private final Map<String, AccessSetting> access = new HashMap<>();

  @Inject
  public ConfiguredCommands(FeishuConfig config, Config properties, CommandEndpoints endpoints) {
    this(config, properties.getPropertyNames(), endpoints);
  }

  /**
   * @param propertyNames every property name the configuration holds, environment variables
   *     included as spelled, to find {@code FEISHU_COMMANDS_*} variables that set nothing
   */
  ConfiguredCommands(
      FeishuConfig config, Iterable<String> propertyNames, CommandEndpoints endpoints) {
    requireEveryVariableRead(config.commands().keySet(), propertyNames);
    CommandLineParser parser = new CommandLineParser(config.botOpenId());
    config
        .commands()
        .forEach(
            (name, settings) -> {
              Optional<Set<String>> chats = nonEmpty(settings.allowedChats());
              Optional<Set<String>> users = nonEmpty(settings.allowedUsers());
              Optional<String> url = settings.url().filter(value -> !value.isBlank());
              if (url.isPresent()) {
                Access limits = new Access(chats.orElse(Set.of()), users.orElse(Set.of()));
                ConfiguredCommand command =
                    new ConfiguredCommand(
                        name,
                        settings
                            .description()
                            .filter(value -> !value.isBlank())
                            .orElse(DEFAULT_DESCRIPTION),
                        new ConfiguredCommand.Endpoint(
                            SecretUrl.parse(url.get(), setting(name, "url")),
                            settings.secret().filter(value -> !value.isBlank()),
                            settings.timeout()),
                        limits,
                        endpoints,
                        parser);
                commands.add(new DefinedCommand(command, setting(name, "url")));
              } else {
                if (settings.description().isPresent() || settings.secret().isPresent()) {
                  throw new IllegalStateException(
                      setting(name, "url")
                          + " is not set, so /"
                          + name
                          + " is a Java command and only allowed-chats and allowed-users apply"
                          + " to it; remove its description and secret or set its url");
                }
                if (chats.isPresent() || users.isPresent()) {
                  access.put(
                      name,
                      new AccessSetting(
                          chats,
                          users,
                          setting(name, "allowed-chats") + " / " + setting(name, "allowed-users")));
                }
              }
            });
  }

  @Override
  public List<DefinedCommand> commands() {
    return List.copyOf(commands);
  }

  @Override
  public Map<String, AccessSetting> access() {
    return Map.copyOf(access);
  }

  /**
   * An environment variable's name cannot say where a command's name ends when the name has a dash:
   * {@code FEISHU_COMMANDS_ROLL_BACK_URL} is read as no setting at all, and the command would
   * silently not exist, or a limit silently not apply. Such a variable stops startup instead.
   */
  private static void requireEveryVariableRead(Set<String> names, Iterable<String> propertyNames) {
    Set<String> read = new HashSet<>();
    for (String name : names) {
      for (String key : KEYS) {
        read.add(envVar("feishu.commands." + name + "." + key));
      }
    }
    List<String> unread = new ArrayList<>();
    for (String property : propertyNames) {
      if (property.startsWith(ENV_PREFIX) && !read.contains(property)) {
        unread.add(property);
      }
    }
    if (!unread.isEmpty()) {
      Collections.sort(unread);
      throw new IllegalStateException(
          String.join(", ", unread)
              + " set no command setting: the variable must be FEISHU_COMMANDS_<NAME>_<KEY> with"
              + " KEY one of URL, DESCRIPTION, SECRET, TIMEOUT, ALLOWED_CHATS, ALLOWED_USERS and"
              + " NAME one word of letters and digits (a name with a dash, roll-back, must be"
              + " spelled as the property feishu.commands.roll-back.url)");
    }
  }

  /** {@code feishu.commands.deploy.url (FEISHU_COMMANDS_DEPLOY_URL)}. */
  static String setting(String name, String key) {
    String property = "feishu.commands." + name + "." + key;
    return property + " (" + envVar(property) + ")";
  }

  private static String envVar(String property) {
    return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  private static Optional<Set<String>> nonEmpty(Optional<Set<String>> ids) {
    return ids.map(
            set ->
                set.stream()
                    .map(String::strip)
                    .filter(id -> !id.isEmpty())
                    .collect(java.util.stream.Collectors.toUnmodifiableSet()))
        .filter(set -> !set.isEmpty());
  }
}
