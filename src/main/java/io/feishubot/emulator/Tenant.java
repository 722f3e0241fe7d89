package io.feishubot.emulator;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The emulated tenant: a few named people, one group chat, and a direct chat per person. Their ids
 * have Feishu's prefixes ({@code ou_}, {@code on_}, {@code oc_}) so handlers that look at them see
 * familiar shapes.
 */
final class Tenant {

  static final String TENANT_KEY = "emulator-tenant";
  static final String BOT_NAME = "DeployBot";

  /** The bot's open_id when {@code feishu.bot-open-id} is not set. */
  static final String DEFAULT_BOT_OPEN_ID = "ou_emulator_bot";

  static final User ALICE = user("alice", "Alice Chen");
  static final User BOB = user("bob", "Bob Li");
  static final User CAROL = user("carol", "Carol Wang");
  static final List<User> USERS = List.of(ALICE, BOB, CAROL);

  static final Chat GROUP = new Chat("oc_emulator_group", "group", "Platform on-call", null);

  private Tenant() {}

  /** A person in the tenant. */
  record User(String key, String name, String openId, String unionId, String userId) {}

  /**
   * A chat the page can show: the group, or one person's direct chat with the bot ({@code userKey}
   * names the person; null for the group).
   */
  record Chat(String id, String type, String name, String userKey) {}

  static Optional<User> user(String key) {
    return USERS.stream().filter(user -> user.key().equals(key)).findFirst();
  }

  /** The direct (p2p) chat between {@code user} and the bot. */
  static Chat directChat(User user) {
    return new Chat("oc_emulator_p2p_" + user.key(), "p2p", user.name(), user.key());
  }

  /** Every chat of the tenant: the group first, then the direct chats. */
  static List<Chat> chats() {
    return Stream.concat(Stream.of(GROUP), USERS.stream().map(Tenant::directChat)).toList();
  }

  private static User user(String key, String name) {
    return new User(key, name, "ou_emulator_" + key, "on_emulator_" + key, "emu_" + key);
  }
}
