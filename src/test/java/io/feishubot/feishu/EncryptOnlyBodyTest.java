package io.feishubot.feishu;

import static io.feishubot.feishu.Fixtures.A1_ENCRYPT;
import static io.feishubot.feishu.Fixtures.event;
import static io.feishubot.feishu.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scanner may only recognise bodies that a strict JSON parser reads as exactly one {@code
 * encrypt} string with the same value; everything else must be left to the tree parser.
 */
class EncryptOnlyBodyTest {

  private static final int MAX = 1 << 20;

  /** The reference: strict Jackson, as the tree path is configured. */
  private static final ObjectMapper STRICT =
      JsonMapper.builder(
              JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .build();

  @Test
  void recognises_realDeliveries() {
    assertThat(
            EncryptOnlyBody.encryptValue(
                event("im.message.receive_v1-p2p-help-encrypted.json"), MAX))
        .isEqualTo(A1_ENCRYPT);
    assertThat(EncryptOnlyBody.encryptValue(event("url_verification-encrypted.json"), MAX))
        .isEqualTo(Fixtures.A2_ENCRYPT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"encrypt\":\"QUJD\"}",
        " \t\r\n{ \"encrypt\" : \"QUJD\" }\n",
        "{\"encrypt\":\"ab+/09==\"}",
      })
  void recognises_withJsonWhitespace(String body) {
    assertAgreesWithJackson(utf8(body));
    assertThat(EncryptOnlyBody.encryptValue(utf8(body), MAX)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"encrypt\":\"a\",\"encrypt\":\"b\"}", // duplicate key
        "{\"encrypt\":\"a\",\"type\":\"url_verification\"}", // extra field
        "{\"type\":\"x\",\"encrypt\":\"a\"}",
        "{\"encrypt\":\"a\"} {}", // trailing data
        "{\"encrypt\":\"a\"}}",
        "{\"encrypt\":\"a\"}x",
        "{\"encrypt\":\"a\"",
        "{\"encrypt\":\"a\",}",
        "{\"encrypt\":123}", // not a string
        "{\"encrypt\":null}",
        "{\"encrypt\":[\"a\"]}",
        "{\"encrypt\":{\"encrypt\":\"a\"}}",
        "{\"encrypt\":\"\"}", // empty: the tree path reports it missing
        "{\"encrypt\":\" \"}",
        "{\"encrypt\":\"a\\u0042\"}", // escapes are the tree parser's business
        "{\"\\u0065ncrypt\":\"a\"}",
        "{\"encrypt\":\"a\nb\"}", // raw control character inside the string
        "{\"encrypt\":\"a\"}\f", // not JSON whitespace
        "\uFEFF{\"encrypt\":\"a\"}", // byte order mark
        "{\"Encrypt\":\"a\"}",
        "{\"encrypt\" \"a\"}",
        "{'encrypt':'a'}",
        "[{\"encrypt\":\"a\"}]",
        "\"encrypt\"",
        "",
        "   ",
      })
  void leavesToTreeParser_everyOtherShape(String body) {
    assertThat(EncryptOnlyBody.encryptValue(utf8(body), MAX)).isNull();
  }

  @Test
  void leavesToTreeParser_nonAsciiValue() {
    assertThat(EncryptOnlyBody.encryptValue(utf8("{\"encrypt\":\"QU\u00e9J\"}"), MAX)).isNull();
  }

  @Test
  void leavesToTreeParser_valueLongerThanLimit() {
    byte[] body = utf8("{\"encrypt\":\"" + "A".repeat(9) + "\"}");
    assertThat(EncryptOnlyBody.encryptValue(body, 8)).isNull();
    assertThat(EncryptOnlyBody.encryptValue(body, 9)).isEqualTo("A".repeat(9));
  }

  /**
   * Mutates a real delivery at random (bytes that matter to JSON: quotes, braces, backslashes,
   * whitespace, control and non-ASCII bytes) and checks every recognised body against Jackson.
   */
  @Test
  void agreesWithJackson_onRandomMutations() {
    byte[] seed = utf8("{\"encrypt\":\"QUJDRA==\"}");
    byte[] alphabet = utf8("{}[]\":,\\ \t\n\r\fAz09+/=ex,nul");
    Random random = new Random(42);
    int recognised = 0;
    for (int n = 0; n < 200_000; n++) {
      byte[] body = mutate(seed, alphabet, random);
      if (EncryptOnlyBody.encryptValue(body, MAX) != null) {
        recognised++;
        assertAgreesWithJackson(body);
      }
    }
    // Most mutations break the shape; enough must survive for the check above to mean something.
    assertThat(recognised).isGreaterThan(1_000);
  }

  private static byte[] mutate(byte[] seed, byte[] alphabet, Random random) {
    byte[] body = seed.clone();
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(body.length + 1);
      byte b =
          random.nextInt(10) == 0
              ? (byte) random.nextInt(256)
              : alphabet[random.nextInt(alphabet.length)];
      switch (random.nextInt(3)) {
        case 0 -> body = insert(body, at, b);
        case 1 -> body = delete(body, at);
        default -> {
          if (at < body.length) {
            body[at] = b;
          }
        }
      }
    }
    return body;
  }

  private static byte[] insert(byte[] body, int at, byte b) {
    byte[] out = new byte[body.length + 1];
    System.arraycopy(body, 0, out, 0, at);
    out[at] = b;
    System.arraycopy(body, at, out, at + 1, body.length - at);
    return out;
  }

  private static byte[] delete(byte[] body, int at) {
    if (at >= body.length) {
      return body;
    }
    byte[] out = new byte[body.length - 1];
    System.arraycopy(body, 0, out, 0, at);
    System.arraycopy(body, at + 1, out, at, body.length - at - 1);
    return out;
  }

  private static void assertAgreesWithJackson(byte[] body) {
    String recognised = EncryptOnlyBody.encryptValue(body, MAX);
    JsonNode tree;
    try {
      tree = STRICT.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("recognised a body Jackson rejects: " + new String(body), e);
    }
    assertThat(tree.isObject()).as("object").isTrue();
    assertThat(tree.size()).as("field count").isEqualTo(1);
    assertThat(tree.path("encrypt").isTextual()).as("encrypt is a string").isTrue();
    assertThat(tree.path("encrypt").textValue()).isEqualTo(recognised);
  }
}
