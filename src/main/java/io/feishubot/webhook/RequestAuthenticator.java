package io.feishubot.webhook;

import io.feishubot.config.FeishuConfig;
import io.feishubot.feishu.CardSignature;
import io.feishubot.feishu.EncryptedEnvelope;
import io.feishubot.feishu.Envelope;
import io.feishubot.feishu.EnvelopeParser;
import io.feishubot.feishu.EventCallback;
import io.feishubot.feishu.EventCipher;
import io.feishubot.feishu.LarkHeaders;
import io.feishubot.feishu.LegacyCardCallback;
import io.feishubot.feishu.MalformedPayloadException;
import io.feishubot.feishu.SignatureVerifier;
import io.feishubot.feishu.TimestampCheck;
import io.feishubot.feishu.TimestampWindow;
import io.feishubot.feishu.UrlVerification;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Decides whether a delivery comes from Feishu and turns it into a plaintext envelope: signature
 * and timestamp first, then decryption and parsing, then the verification token inside.
 */
@ApplicationScoped
public class RequestAuthenticator {

  private static final Logger LOG = Logger.getLogger(RequestAuthenticator.class);

  private final EnvelopeParser parser = new EnvelopeParser();
  private final Optional<EventCipher> cipher;
  private final Optional<SignatureVerifier> signatures;
  private final TimestampWindow timestampWindow;
  private final Optional<byte[]> verificationToken;
  private final Optional<String> verificationTokenText;

  /** Hex digits of a SHA-1 signature; event signatures (SHA-256) have 64. */
  private static final int LEGACY_SIGNATURE_LENGTH = 40;

  public RequestAuthenticator(FeishuConfig config) {
    Optional<String> encryptKey = config.encryptKey().filter(key -> !key.isEmpty());
    this.cipher = encryptKey.map(EventCipher::new);
    this.signatures = encryptKey.map(SignatureVerifier::new);
    this.timestampWindow =
        new TimestampWindow(config.signature().maxAge(), config.signature().maxFutureSkew());
    this.verificationTokenText = config.verificationToken().filter(token -> !token.isEmpty());
    this.verificationToken =
        verificationTokenText.map(token -> token.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The authenticated plaintext envelope: a {@link UrlVerification} or an {@link EventCallback}.
   *
   * @throws RejectedRequestException when the delivery must be refused
   * @throws UnreadableDeliveryException when a signed delivery cannot be decrypted or parsed
   */
  public Envelope authenticate(WebhookRequest request, Instant now) {
    String signature = request.headers().first(LarkHeaders.SIGNATURE);
    if (signature != null && signature.length() == LEGACY_SIGNATURE_LENGTH) {
      return authenticateLegacyCardCallback(request, signature);
    }
    if (signatures.isEmpty()) {
      return authenticateByTokenOnly(request.body());
    }
    RequestHeaders headers = request.headers();
    String timestamp = headers.first(LarkHeaders.REQUEST_TIMESTAMP);
    String nonce = headers.first(LarkHeaders.REQUEST_NONCE);
    if (timestamp == null && nonce == null && signature == null) {
      return authenticateUnsignedChallenge(request.body());
    }
    if (timestamp == null || nonce == null || signature == null) {
      throw new RejectedRequestException(RejectReason.MISSING_SIGNATURE);
    }
    if (!signatures.get().verify(timestamp, nonce, request.body(), signature)) {
      throw new RejectedRequestException(RejectReason.BAD_SIGNATURE);
    }
    if (timestampWindow.check(timestamp, now) != TimestampCheck.FRESH) {
      throw new RejectedRequestException(RejectReason.STALE_TIMESTAMP);
    }
    return withValidToken(readAuthentic(request.body()));
  }

  /**
   * A legacy card callback, told apart by its signature: 40 hex digits of SHA-1 where events carry
   * 64 of SHA-256. Keyed by the verification token; its timestamp is opaque (an HTTP date in the
   * SDKs' samples), so there is no window to check: a replay can at most repeat a press, and
   * decisions happen once.
   */
  private Envelope authenticateLegacyCardCallback(WebhookRequest request, String signature) {
    RequestHeaders headers = request.headers();
    String timestamp = headers.first(LarkHeaders.REQUEST_TIMESTAMP);
    String nonce = headers.first(LarkHeaders.REQUEST_NONCE);
    if (timestamp == null
        || nonce == null
        || verificationTokenText.isEmpty()
        || !CardSignature.matches(
            CardSignature.compute(timestamp, nonce, verificationTokenText.get(), request.body()),
            signature)) {
      throw new RejectedRequestException(RejectReason.BAD_LEGACY_SIGNATURE);
    }
    Envelope envelope;
    try {
      envelope = parser.parseLegacyCardCallback(request.body());
      if (envelope instanceof EncryptedEnvelope encrypted) {
        if (cipher.isEmpty()) {
          throw new MalformedPayloadException("encrypted, but no encrypt key is configured");
        }
        envelope = parser.parseDecryptedLegacyCardCallback(cipher.get().decrypt(encrypted));
      }
    } catch (MalformedPayloadException e) {
      throw new UnreadableDeliveryException(e.getMessage());
    }
    if (envelope instanceof UrlVerification challenge && !tokenMatches(challenge.token())) {
      throw new RejectedRequestException(RejectReason.BAD_TOKEN);
    }
    return envelope;
  }

  /**
   * Feishu sends URL verification without signature headers, so an unsigned request may only be a
   * challenge. Every failure after the outer parse answers the same 401: distinct answers for bad
   * padding and bad plaintext would hand an attacker a padding oracle on captured ciphertext.
   */
  private Envelope authenticateUnsignedChallenge(byte[] body) {
    Envelope envelope = decrypted(parse(body), RejectReason.MISSING_SIGNATURE);
    if (envelope instanceof UrlVerification challenge && tokenMatches(challenge.token())) {
      return challenge;
    }
    throw new RejectedRequestException(RejectReason.MISSING_SIGNATURE);
  }

  private Envelope authenticateByTokenOnly(byte[] body) {
    Envelope envelope = parse(body);
    if (envelope instanceof EncryptedEnvelope) {
      LOG.error(
          "received an encrypted delivery but FEISHU_ENCRYPT_KEY is not set; configure the"
              + " Encrypt Key from the Feishu console");
      throw new RejectedRequestException(RejectReason.ENCRYPTED_WITHOUT_KEY);
    }
    return withValidToken(envelope);
  }

  /**
   * Parses and decrypts a body whose signature checked out. It is authentic, so a body that cannot
   * be read is not refused but reported as what it is: Feishu sent something we will never read.
   */
  private Envelope readAuthentic(byte[] body) {
    try {
      Envelope envelope = parser.parse(body);
      return envelope instanceof EncryptedEnvelope encrypted
          ? parser.parseDecrypted(cipher.orElseThrow().decrypt(encrypted))
          : envelope;
    } catch (MalformedPayloadException e) {
      throw new UnreadableDeliveryException(e.getMessage());
    }
  }

  private Envelope parse(byte[] body) {
    try {
      return parser.parse(body);
    } catch (MalformedPayloadException e) {
      LOG.debugf("malformed delivery: %s", e.getMessage());
      throw new RejectedRequestException(RejectReason.MALFORMED);
    }
  }

  private Envelope decrypted(Envelope envelope, RejectReason onFailure) {
    if (!(envelope instanceof EncryptedEnvelope encrypted)) {
      return envelope;
    }
    try {
      return parser.parseDecrypted(cipher.orElseThrow().decrypt(encrypted));
    } catch (MalformedPayloadException e) {
      LOG.debugf("undecryptable delivery: %s", e.getMessage());
      throw new RejectedRequestException(onFailure);
    }
  }

  private Envelope withValidToken(Envelope envelope) {
    String token =
        switch (envelope) {
          case UrlVerification challenge -> challenge.token();
          case EventCallback event -> event.header().token();
          case EncryptedEnvelope encrypted ->
              throw new IllegalStateException("an envelope is decrypted before its token is read");
          case LegacyCardCallback legacy ->
              throw new IllegalStateException("legacy callbacks are signed with the token instead");
        };
    if (!tokenMatches(token)) {
      throw new RejectedRequestException(RejectReason.BAD_TOKEN);
    }
    return envelope;
  }

  private boolean tokenMatches(String token) {
    // Constant time, so response timing reveals nothing about how much of a guess was right.
    return token != null
        && verificationToken.isPresent()
        && MessageDigest.isEqual(verificationToken.get(), token.getBytes(StandardCharsets.UTF_8));
  }
}
