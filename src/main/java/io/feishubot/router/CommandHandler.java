package io.feishubot.router;

/**
 * One chat command. Implement it as an {@code @ApplicationScoped} bean, one class per command; the
 * router finds every bean and refuses to start when two claim the same name.
 */
public interface CommandHandler {

  /** The name typed after the slash: lower case letters, digits and dashes. */
  String name();

  /** One line for {@code /help}. */
  String description();

  /** Runs the command. Must finish well inside Feishu's 3 s budget; it runs inline. */
  Reply handle(CommandContext context);
}
