package io.feishubot.router;

import io.feishubot.feishu.MessageReceived;
import java.util.Set;

/**
 * Who may run a command: the chats it may be run in and the users who may run it. An empty set puts
 * no limit on its side; a sender must pass both sides.
 *
 * @param chats chat ids ({@code oc_…})
 * @param users user ids: open_id, user_id or union_id, any of the sender's ids matches
 */
public record Access(Set<String> chats, Set<String> users) {

  /** No limits: any user in any chat. */
  public static final Access ANYONE = new Access(Set.of(), Set.of());

  public Access {
    chats = Set.copyOf(chats);
    users = Set.copyOf(users);
  }

  /** Only in these chats, by anyone in them. */
  public static Access inChats(Set<String> chats) {
    return new Access(chats, Set.of());
  }

  /** Only these users, in any chat. */
  public static Access forUsers(Set<String> users) {
    return new Access(Set.of(), users);
  }

  /** Whether {@code sender} may run the command in {@code chatId}. */
  public boolean allows(String chatId, MessageReceived.Sender sender) {
    return (chats.isEmpty() || (chatId != null && chats.contains(chatId)))
        && (users.isEmpty() || isListed(sender));
  }

  private boolean isListed(MessageReceived.Sender sender) {
    if (sender == null) {
      return false;
    }
    return listed(sender.openId()) || listed(sender.userId()) || listed(sender.unionId());
  }

  private boolean listed(String id) {
    return id != null && users.contains(id);
  }
}
