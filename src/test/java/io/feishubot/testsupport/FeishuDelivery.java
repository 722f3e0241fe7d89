package io.feishubot.testsupport;

import io.feishubot.feishu.EventCipher;
import io.feishubot.feishu.EventSignature;
import io.feishubot.feishu.LarkHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A delivery the way Feishu sends it: the JSON is encrypted with the app's Encrypt Key and the
 * exact body bytes are signed. Each step can be skipped or spoiled for negative tests.
 */
public final class FeishuDelivery {

  private final byte[] body;
  private final Map<String, String> headers;

  private FeishuDelivery(byte[] body, Map<String, String> headers) {
    this.body = body;
    this.headers = headers;
  }

  public byte[] body() {
    return body;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Starts a delivery of {@code plaintextJson}. */
  public static Builder of(String plaintextJson) {
    return new Builder(plaintextJson.getBytes(StandardCharsets.UTF_8));
  }

  /** Builds deliveries; by default encrypted and signed with the test keys, stamped now. */
  public static final class Builder {
    private final byte[] plaintext;
    private String encryptKey = TestKeys.ENCRYPT_KEY;
    private boolean encrypt = true;
    private boolean sign = true;
    private Instant timestamp = Instant.now();
    private String nonce = UUID.randomUUID().toString();
    private String signatureOverride;
    private boolean legacyCardSignature;
    private String legacyTimestamp;

    private Builder(byte[] plaintext) {
      this.plaintext = plaintext;
    }

    public Builder plaintext() {
      this.encrypt = false;
      return this;
    }

    public Builder unsigned() {
      this.sign = false;
      return this;
    }

    public Builder encryptKey(String key) {
      this.encryptKey = key;
      return this;
    }

    public Builder timestamp(Instant timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    public Builder signature(String signature) {
      this.signatureOverride = signature;
      return this;
    }

    /**
     * A legacy card callback: plaintext, signed with SHA-1 keyed by the verification token, its
     * timestamp an HTTP date as in the SDK's sample.
     */
    public Builder legacyCardCallback() {
      this.encrypt = false;
      this.legacyCardSignature = true;
      this.legacyTimestamp = "Monday, 14-Nov-22 15:53:37 CST";
      return this;
    }

    public FeishuDelivery build() {
      byte[] body =
          encrypt
              ? ("{\"encrypt\":\"" + new EventCipher(encryptKey).encrypt(plaintext) + "\"}")
                  .getBytes(StandardCharsets.UTF_8)
              : plaintext;
      return signedAs(body);
    }

    /** Signs {@code rawBody} as given, for bodies that are deliberately not valid envelopes. */
    public FeishuDelivery raw(byte[] rawBody) {
      return signedAs(rawBody);
    }

    private FeishuDelivery signedAs(byte[] body) {
      Map<String, String> headers = new LinkedHashMap<>();
      if (sign && legacyCardSignature) {
        headers.put(LarkHeaders.REQUEST_TIMESTAMP, legacyTimestamp);
        headers.put(LarkHeaders.REQUEST_NONCE, nonce);
        headers.put(
            LarkHeaders.SIGNATURE,
            signatureOverride != null
                ? signatureOverride
                : io.feishubot.feishu.CardSignature.compute(
                    legacyTimestamp, nonce, TestKeys.VERIFICATION_TOKEN, body));
      } else if (sign) {
        String ts = Long.toString(timestamp.getEpochSecond());
        headers.put(LarkHeaders.REQUEST_TIMESTAMP, ts);
        headers.put(LarkHeaders.REQUEST_NONCE, nonce);
        headers.put(
            LarkHeaders.SIGNATURE,
            signatureOverride != null
                ? signatureOverride
                : EventSignature.compute(ts, nonce, encryptKey, body));
      }
      return new FeishuDelivery(body, headers);
    }
  }
}
