package io.feishubot.emulator;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The messages of the emulated chats, as the fake Open API and the page's users posted them. In
 * memory and bounded: the oldest go first, so a long session cannot grow without limit.
 */
@ApplicationScoped
public class ChatStore {

  static final int MAX_MESSAGES = 300;

  /** {@code from} of the bot's messages; people are named by their {@link Tenant.User#key()}. */
  static final String BOT = "bot";

  /**
   * One message. {@code content} is the JSON document Feishu keeps as a string; {@code version}
   * counts its updates, starting at 1.
   */
  public record Message(
      String id,
      String chatId,
      String parentId,
      String from,
      String msgType,
      String content,
      int version,
      long createdAt,
      long updatedAt) {}

  private final Map<String, Message> messages = new LinkedHashMap<>();
  private final Changes changes;
  private final Clock clock;

  public ChatStore(Changes changes, Clock clock) {
    this.changes = changes;
    this.clock = clock;
  }

  /** Posts a new message; {@code parentId} is the message it replies to, or null. */
  public Message post(
      String id, String chatId, String parentId, String from, String msgType, String content) {
    long now = clock.millis();
    Message message = new Message(id, chatId, parentId, from, msgType, content, 1, now, now);
    synchronized (this) {
      messages.put(id, message);
      Iterator<String> oldest = messages.keySet().iterator();
      while (messages.size() > MAX_MESSAGES) {
        oldest.next();
        oldest.remove();
      }
    }
    changes.bump();
    return message;
  }

  public synchronized Optional<Message> get(String id) {
    return Optional.ofNullable(messages.get(id));
  }

  /** Replaces a message's content in place (a card update); empty if there is no such message. */
  public Optional<Message> update(String id, String content) {
    Message updated;
    synchronized (this) {
      Message old = messages.get(id);
      if (old == null) {
        return Optional.empty();
      }
      updated =
          new Message(
              old.id(),
              old.chatId(),
              old.parentId(),
              old.from(),
              old.msgType(),
              content,
              old.version() + 1,
              old.createdAt(),
              clock.millis());
      messages.put(id, updated);
    }
    changes.bump();
    return Optional.of(updated);
  }

  /** Every message, oldest first. */
  public synchronized List<Message> all() {
    return new ArrayList<>(messages.values());
  }

  public void clear() {
    synchronized (this) {
      messages.clear();
    }
    changes.bump();
  }
}
