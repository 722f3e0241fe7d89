package io.feishubot.feishu;

import static io.feishubot.feishu.JsonFields.optionalString;
import static io.feishubot.feishu.JsonFields.requiredObject;
import static io.feishubot.feishu.JsonFields.requiredString;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * Classifies a request body (or decrypted plaintext) into an {@link Envelope}, following the SDKs'
 * dispatch rule: {@code encrypt} → encrypted; {@code type == "url_verification"} → challenge;
 * {@code schema} present → 2.0; {@code type == "event_callback"} → 1.0.
 *
 * <p>A schema 2.0 event, the common case, is read without a tree by {@link StreamingEventReader},
 * which declines anything it is not sure of; the tree reader below then decides, so both paths
 * accept and reject exactly the same bodies (EnvelopeParserDifferentialTest). Both read the {@code
 * event} object with the same reader of its type ({@link EventReaders}); an event that lacks what
 * its type needs is not an error here but an {@link UnreadableEvent}, for the caller to count.
 *
 * <p>Thread-safe; one instance can serve all requests.
 */
public final class EnvelopeParser {

  private static final int MAX_NESTING_DEPTH = 64;
  private static final int MAX_STRING_LENGTH = 1 << 20;

  private final ObjectMapper mapper;
  private final StreamingEventReader streaming;

  public EnvelopeParser() {
    JsonFactory factory =
        JsonFactory.builder()
            // Bodies are parsed before anything else looks at them; bound the work they can cause.
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .build())
            .build();
    this.mapper =
        JsonMapper.builder(factory)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // With duplicate keys, two readers of the same signed bytes can disagree on the
            // value (first-wins vs last-wins), a classic way to smuggle data past a check. The
            // tree builder rejects them in every object at any depth as it inserts each field;
            // StreamReadFeature.STRICT_DUPLICATE_DETECTION would check again with a HashSet per
            // object (2 KB and a quarter of the parse time per event, bench/jmh).
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    this.streaming = new StreamingEventReader(MAX_STRING_LENGTH, MAX_NESTING_DEPTH);
  }

  /** Parses a raw request body; an {@code encrypt} field yields {@link EncryptedEnvelope}. */
  public Envelope parse(byte[] json) {
    requireBody(json);
    // Every delivery to an encrypted app has this shape; anything else takes the general path.
    EncryptedEnvelope encrypted = EncryptOnlyBody.envelope(json, MAX_STRING_LENGTH);
    if (encrypted != null) {
      return encrypted;
    }
    // An unencrypted app's body is the event itself; the reader declines anything with encrypt.
    EventCallback event = streaming.read(json);
    if (event != null) {
      return event;
    }
    return parseTree(json);
  }

  /** {@link #parse} without the shortcuts: the reference the streaming reader is tested against. */
  Envelope parseTree(byte[] json) {
    JsonNode root = readObject(json);
    if (root.has("encrypt")) {
      return encrypted(root);
    }
    return classify(root);
  }

  /**
   * Parses a decrypted plaintext. A plaintext that is itself encrypted is rejected: the SDKs treat
   * it as an error, and unwrapping again would let a body choose how many layers we process.
   */
  public Envelope parseDecrypted(byte[] json) {
    EventCallback event = streaming.read(json);
    if (event != null) {
      return event;
    }
    return parseDecryptedTree(json);
  }

  /**
   * Parses the body of a legacy card callback ({@code card.action.trigger_v1}, told apart by its
   * SHA-1 signature): its URL verification, an encrypted body (the SDKs accept one), or the flat
   * callback itself.
   */
  public Envelope parseLegacyCardCallback(byte[] json) {
    JsonNode root = readObject(json);
    if (root.has("encrypt")) {
      return encrypted(root);
    }
    return legacy(root);
  }

  /**
   * {@link #parseLegacyCardCallback} of a decrypted plaintext, which may not be encrypted again.
   */
  public Envelope parseDecryptedLegacyCardCallback(byte[] json) {
    JsonNode root = readObject(json);
    if (root.has("encrypt")) {
      throw new MalformedPayloadException("nested encryption");
    }
    return legacy(root);
  }

  private static Envelope legacy(JsonNode root) {
    if ("url_verification".equals(optionalString(root, "type", "type"))) {
      return classify(root);
    }
    return new LegacyCardCallback(EventReaders.legacyCardAction(root));
  }

  /** The streaming reader alone: null where it declines. For tests. */
  EventCallback readStreaming(byte[] json) {
    return streaming.read(json);
  }

  /** {@link #parseDecrypted} without the streaming reader, as a reference for tests. */
  Envelope parseDecryptedTree(byte[] json) {
    JsonNode root = readObject(json);
    if (root.has("encrypt")) {
      throw new MalformedPayloadException("nested encryption");
    }
    return classify(root);
  }

  private static void requireBody(byte[] json) {
    if (json == null || json.length == 0) {
      throw new MalformedPayloadException("empty body");
    }
  }

  private JsonNode readObject(byte[] json) {
    requireBody(json);
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (StreamConstraintsException e) {
      throw new MalformedPayloadException("JSON exceeds parser limits");
    } catch (IOException e) {
      // Not chained: Jackson messages quote fragments of the offending input.
      throw new MalformedPayloadException("not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new MalformedPayloadException("not a JSON object");
    }
    return root;
  }

  private static EncryptedEnvelope encrypted(JsonNode root) {
    return new EncryptedEnvelope(requiredString(root, "encrypt", "encrypt"));
  }

  private static Envelope classify(JsonNode root) {
    String type = optionalString(root, "type", "type");
    if ("url_verification".equals(type)) {
      String challenge = optionalString(root, "challenge", "challenge");
      if (challenge == null || challenge.isEmpty()) {
        throw new MalformedPayloadException("challenge missing");
      }
      return new UrlVerification(challenge, optionalString(root, "token", "token"));
    }
    if (root.hasNonNull("schema")) {
      requiredString(root, "schema", "schema");
      return schemaV2(root);
    }
    if ("event_callback".equals(type)) {
      return schemaV1(root);
    }
    throw new MalformedPayloadException("unrecognised envelope");
  }

  private static EventCallback schemaV2(JsonNode root) {
    JsonNode header = requiredObject(root, "header", "header");
    EventHeader parsed =
        new EventHeader(
            requiredString(header, "event_id", "header.event_id"),
            requiredString(header, "event_type", "header.event_type"),
            optionalString(header, "token", "header.token"),
            optionalString(header, "app_id", "header.app_id"),
            optionalString(header, "tenant_key", "header.tenant_key"),
            optionalString(header, "create_time", "header.create_time"));
    return new EventCallback(
        Schema.V2, parsed, EventReaders.fromTree(parsed.eventType(), root.get("event")));
  }

  private static EventCallback schemaV1(JsonNode root) {
    JsonNode event = requiredObject(root, "event", "event");
    EventHeader parsed =
        new EventHeader(
            requiredString(root, "uuid", "uuid"),
            requiredString(event, "type", "event.type"),
            optionalString(root, "token", "token"),
            optionalString(event, "app_id", "event.app_id"),
            optionalString(event, "tenant_key", "event.tenant_key"),
            optionalString(root, "ts", "ts"));
    return new EventCallback(Schema.V1, parsed, EventReaders.fromTree(parsed.eventType(), event));
  }
}
