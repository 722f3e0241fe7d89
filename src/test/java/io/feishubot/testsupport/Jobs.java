package io.feishubot.testsupport;

import io.feishubot.feishu.MessageReceived;
import io.feishubot.jobs.Job;
import io.feishubot.router.CommandLine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Jobs for tests, and job signatures computed independently of the product's code. */
public final class Jobs {

  private Jobs() {}

  /** A {@code /deploy api --force} job from a group chat, acknowledged at {@code at}. */
  public static Job job(String eventId, Instant at) {
    return new Job(
        TestKeys.APP_ID,
        eventId,
        new CommandLine("deploy", List.of("api", "--force"), "api --force"),
        new MessageReceived.Message(
            "om_" + eventId,
            null,
            null,
            null,
            "oc_jobs",
            "group",
            "text",
            "{\"text\":\"/deploy api --force\"}",
            List.of()),
        new MessageReceived.Sender("user", "ou_jobs", "u_jobs", "on_jobs", "tenant"),
        at);
  }

  /**
   * The signature header of {@code payload} under the key the README documents: HMAC-SHA256 keyed
   * by the App Secret over the label and the length-prefixed Encrypt Key and Verification Token.
   */
  public static String signature(
      String appSecret, String encryptKey, String verificationToken, byte[] payload) {
    byte[] label = "feishu-bot job signature v1".getBytes(StandardCharsets.US_ASCII);
    byte[] encrypt = encryptKey.getBytes(StandardCharsets.UTF_8);
    byte[] token = verificationToken.getBytes(StandardCharsets.UTF_8);
    ByteBuffer message = ByteBuffer.allocate(label.length + 8 + encrypt.length + token.length);
    message.put(label).putInt(encrypt.length).put(encrypt).putInt(token.length).put(token);
    byte[] key = hmac(appSecret.getBytes(StandardCharsets.UTF_8), message.array());
    return "sha256=" + HexFormat.of().formatHex(hmac(key, payload));
  }

  /** {@link #signature} with the tests' app settings ({@link TestKeys}). */
  public static String signature(byte[] payload) {
    return signature(
        TestKeys.APP_SECRET, TestKeys.ENCRYPT_KEY, TestKeys.VERIFICATION_TOKEN, payload);
  }

  /** HMAC-SHA256 keyed with {@code key} itself, hex, with the scheme. */
  public static String rawSignature(String key, byte[] payload) {
    return "sha256="
        + HexFormat.of().formatHex(hmac(key.getBytes(StandardCharsets.UTF_8), payload));
  }

  private static byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
