package io.feishubot.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feishubot.feishu.EventCipher;
import io.feishubot.feishu.EventSignature;
import io.feishubot.feishu.LarkHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a plaintext event into the exact bytes and headers Feishu would send: encrypted with the
 * Encrypt Key and signed over the raw body, with a fresh timestamp and nonce each time (so a
 * redelivery is a new request carrying the same event). Without an Encrypt Key, Feishu sends the
 * plaintext and only the verification token inside authenticates it.
 */
final class DeliverySealer {

  /** A delivery ready to post. */
  record Sealed(byte[] body, Map<String, String> headers) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Optional<String> encryptKey;
  private final Optional<EventCipher> cipher;
  private final Clock clock;

  DeliverySealer(Optional<String> encryptKey, Clock clock) {
    this.encryptKey = encryptKey.filter(key -> !key.isBlank());
    this.cipher = this.encryptKey.map(EventCipher::new);
    this.clock = clock;
  }

  /**
   * Seals {@code plaintext}. A {@code tampered} delivery is spoiled the way an attacker's would be:
   * a signature that does not match the body, or without an Encrypt Key, a wrong token inside.
   */
  Sealed seal(String plaintext, boolean tampered) {
    if (encryptKey.isEmpty()) {
      String body = tampered ? withWrongToken(plaintext) : plaintext;
      return new Sealed(body.getBytes(StandardCharsets.UTF_8), Map.of());
    }
    byte[] body =
        ("{\"encrypt\":\""
                + cipher.orElseThrow().encrypt(plaintext.getBytes(StandardCharsets.UTF_8))
                + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    String nonce = UUID.randomUUID().toString();
    String signature = EventSignature.compute(timestamp, nonce, encryptKey.get(), body);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(LarkHeaders.REQUEST_TIMESTAMP, timestamp);
    headers.put(LarkHeaders.REQUEST_NONCE, nonce);
    headers.put(LarkHeaders.SIGNATURE, tampered ? flipLast(signature) : signature);
    return new Sealed(body, headers);
  }

  private static String flipLast(String hex) {
    char last = hex.charAt(hex.length() - 1);
    return hex.substring(0, hex.length() - 1) + (last == '0' ? '1' : '0');
  }

  private static String withWrongToken(String plaintext) {
    try {
      ObjectNode event = (ObjectNode) JSON.readTree(plaintext);
      ((ObjectNode) event.path("header")).put("token", "tampered-token");
      return event.toString();
    } catch (IOException | ClassCastException e) {
      // The emulator seals only the 2.0 envelopes it built itself.
      throw new IllegalStateException("not an event envelope", e);
    }
  }
}
