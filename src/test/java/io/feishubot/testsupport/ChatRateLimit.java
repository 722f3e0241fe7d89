package io.feishubot.testsupport;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Feishu's per-chat send limit as the fake Open API plays it: at most {@code perSecond} replies
 * into one chat within any second (a sliding window, the strictest reading of "5 QPS per chat");
 * beyond that HTTP 429, code 99991400 and {@code x-ogw-ratelimit-reset: 1}. Feishu knows the chat
 * of every message; the fake is told, by {@link #limit}. Messages it was not told about pass
 * unlimited.
 */
public final class ChatRateLimit implements ResponseDefinitionTransformerV2 {

  private static final long WINDOW_NANOS = 1_000_000_000L;

  private final Map<String, String> chatOfMessage = new ConcurrentHashMap<>();
  // Guarded by this.
  private final Map<String, Deque<Long>> acceptedTimes = new HashMap<>();
  private final Map<String, AtomicInteger> acceptedPerMessage = new ConcurrentHashMap<>();
  private final AtomicInteger rateLimited = new AtomicInteger();
  private volatile int perSecond = 5;

  /** From now on, replies to {@code messageIds} count against {@code chatId}'s limit. */
  public void limit(String chatId, int perSecond, Collection<String> messageIds) {
    this.perSecond = perSecond;
    messageIds.forEach(id -> chatOfMessage.put(id, chatId));
  }

  /** How many replies the fake has refused with 429 so far. */
  public int rateLimitedAnswers() {
    return rateLimited.get();
  }

  /** How many replies to {@code messageId} got past the limit (and got the stub's answer). */
  public int accepted(String messageId) {
    AtomicInteger count = acceptedPerMessage.get(messageId);
    return count == null ? 0 : count.get();
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    String url = serveEvent.getRequest().getUrl();
    String chat = url.endsWith("/reply") ? chatOfMessage.get(messageIdOf(url)) : null;
    if (chat == null) {
      return serveEvent.getResponseDefinition();
    }
    if (!admit(chat)) {
      rateLimited.incrementAndGet();
      return FakeFeishuOpenApi.rateLimited(1).build();
    }
    acceptedPerMessage
        .computeIfAbsent(messageIdOf(url), id -> new AtomicInteger())
        .incrementAndGet();
    return serveEvent.getResponseDefinition();
  }

  private synchronized boolean admit(String chat) {
    long now = System.nanoTime();
    Deque<Long> times = acceptedTimes.computeIfAbsent(chat, c -> new ArrayDeque<>());
    while (!times.isEmpty() && now - times.peekFirst() >= WINDOW_NANOS) {
      times.removeFirst();
    }
    if (times.size() >= perSecond) {
      return false;
    }
    times.addLast(now);
    return true;
  }

  private static String messageIdOf(String url) {
    // /open-apis/im/v1/messages/{message_id}/reply
    String[] parts = url.split("/");
    return parts[parts.length - 2];
  }

  @Override
  public String getName() {
    return "chat-rate-limit";
  }
}
