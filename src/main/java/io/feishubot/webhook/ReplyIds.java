package io.feishubot.webhook;

import io.feishubot.feishu.Digests;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;

/**
 * The {@code uuid} of a reply, derived from the event it answers: every redelivery and every retry
 * of the same event sends the same uuid, and Feishu posts a uuid at most once per hour.
 */
public final class ReplyIds {

  // UUID.nameUUIDFromBytes looks the MD5 provider up on every call; one digest per thread instead.
  private static final ThreadLocal<MessageDigest> MD5 =
      ThreadLocal.withInitial(() -> Digests.newDigest("MD5"));

  private static final byte[] PREFIX = "feishu-bot:reply:".getBytes(StandardCharsets.US_ASCII);

  private ReplyIds() {}

  /**
   * A name-based (version 3) UUID of the app and event, exactly what {@link UUID#nameUUIDFromBytes}
   * gives for the same name (36 characters, under Feishu's 50-character limit).
   */
  public static String forEvent(String appId, String eventId) {
    return forEvent(appId, eventId, 0);
  }

  /**
   * The uuid of the {@code place}-th message sent for an event: for place 0 that of {@link
   * #forEvent(String, String)}, named {@code feishu-bot:reply:<appId>:<eventId>}; for later places
   * the name ends in {@code #<place>}.
   */
  public static String forEvent(String appId, String eventId, int place) {
    MessageDigest digest = MD5.get();
    digest.reset();
    // The name "feishu-bot:reply:<appId>:<eventId>" in UTF-8, a part at a time: each part borders
    // on ASCII, so no surrogate pair spans two parts, and the bytes are those of the whole string.
    digest.update(PREFIX);
    digest.update(appId.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) ':');
    digest.update(eventId.getBytes(StandardCharsets.UTF_8));
    if (place != 0) {
      digest.update(("#" + place).getBytes(StandardCharsets.US_ASCII));
    }
    byte[] hash = digest.digest();
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x30); // version 3
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
    ByteBuffer bits = ByteBuffer.wrap(hash);
    return new UUID(bits.getLong(), bits.getLong()).toString();
  }
}
