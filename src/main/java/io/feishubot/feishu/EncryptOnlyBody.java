package io.feishubot.feishu;

import java.nio.charset.StandardCharsets;

/**
 * Recognises the one body shape an encrypted app receives on every delivery, {@code
 * {"encrypt":"<base64>"}}, without a general JSON parser.
 *
 * <p>Building a Jackson tree for it costs more than decrypting the event (bench/jmh): the parser
 * copies the 1–2 KB base64 value through a char buffer into a String, and builds a tree and a
 * duplicate-key set for one field. The shape accepted here is a strict subset of JSON: optional
 * JSON whitespace, exactly one key spelled {@code "encrypt"}, a string of plain ASCII (no escapes,
 * control or non-ASCII characters, so its bytes are its characters; found eight bytes at a time)
 * that is not blank, and nothing but whitespace after the closing brace. Every body that matches
 * parses with Jackson to the same single field and value, so {@link EnvelopeParser} answers exactly
 * as it would with the tree; whether the value is base64 is the cipher's to judge, on either path.
 * Anything else, including bodies that are merely unusual (escaped characters, a BOM, extra fields,
 * a duplicate key, an empty value), is not recognised and goes to the tree parser with all its
 * checks.
 */
final class EncryptOnlyBody {

  private static final byte[] KEY = "\"encrypt\"".getBytes(StandardCharsets.US_ASCII);

  private EncryptOnlyBody() {}

  /**
   * The {@code encrypt} value if {@code json} is exactly that shape and the value is non-empty and
   * at most {@code maxLength} characters; otherwise null.
   */
  static String encryptValue(byte[] json, int maxLength) {
    EncryptedEnvelope envelope = envelope(json, maxLength);
    return envelope == null ? null : envelope.encrypt();
  }

  /**
   * {@link #encryptValue} as an envelope that keeps the value in {@code json}, which must not
   * change afterwards; null where {@link #encryptValue} is null.
   */
  static EncryptedEnvelope envelope(byte[] json, int maxLength) {
    int i = skipWhitespace(json, 0);
    i = expect(json, i, (byte) '{');
    i = skipWhitespace(json, i);
    i = expectKey(json, i);
    i = skipWhitespace(json, i);
    i = expect(json, i, (byte) ':');
    i = skipWhitespace(json, i);
    i = expect(json, i, (byte) '"');
    if (i < 0) {
      return null;
    }
    int start = i;
    i = Utf8JsonTokens.plainRun(json, i);
    int length = i - start;
    i = expect(json, i, (byte) '"');
    i = skipWhitespace(json, i);
    i = expect(json, i, (byte) '}');
    if (i < 0
        || skipWhitespace(json, i) != json.length
        || length > maxLength
        || isBlank(json, start, length)) {
      return null;
    }
    // Plain ASCII without escapes: the bytes are the value's characters.
    return new EncryptedEnvelope(json, start, length);
  }

  /**
   * Whether the value is empty or spaces only, which the tree path reports as missing (the only
   * whitespace a plain value can hold is the space).
   */
  private static boolean isBlank(byte[] json, int start, int length) {
    for (int k = start; k < start + length; k++) {
      if (json[k] != ' ') {
        return false;
      }
    }
    return true;
  }

  /** Index of the first non-whitespace byte at or after {@code i}; negative stays negative. */
  private static int skipWhitespace(byte[] json, int i) {
    if (i < 0) {
      return i;
    }
    // The four characters JSON calls whitespace, and no others.
    while (i < json.length
        && (json[i] == ' ' || json[i] == '\n' || json[i] == '\r' || json[i] == '\t')) {
      i++;
    }
    return i;
  }

  /** The index after {@code expected} at {@code i}, or -1. */
  private static int expect(byte[] json, int i, byte expected) {
    return i >= 0 && i < json.length && json[i] == expected ? i + 1 : -1;
  }

  private static int expectKey(byte[] json, int i) {
    if (i < 0 || json.length - i < KEY.length) {
      return -1;
    }
    for (int k = 0; k < KEY.length; k++) {
      if (json[i + k] != KEY[k]) {
        return -1;
      }
    }
    return i + KEY.length;
  }
}
