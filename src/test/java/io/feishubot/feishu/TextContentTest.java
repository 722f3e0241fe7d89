package io.feishubot.feishu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The strict read of a text message's content answers only where it is sure, and then exactly as
 * the general read ({@code readTree(content).path("text").textValue()}) does.
 */
class TextContentTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"text\":\"@_user_1 /ping\"}",
        "{\"text\":\"/deploy api --force\"}",
        " { \"text\" : \"a\\nb \\\"q\\\" \\\\ \\u0041\" , \"x\" : [1, {\"y\": null}] } ",
        "{\"other\":{\"text\":\"inner\"},\"text\":\"outer\"}",
        "{\"text\":\"what?\"}",
        "{\"text\":\"\"}",
      })
  void reads_theTextOfPlainContent_asTheGeneralReadDoes(String content) throws IOException {
    String text = TextContent.strictText(content);
    assertEquals(general(content), text);
    assertTrue(text != null, content);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"text\":\"a\",\"text\":\"b\"}", // which one counts is the general reader's rule
        "{\"text\":1}",
        "{\"text\":null}",
        "{\"text\":[\"a\"]}",
        "{}",
        "[\"text\"]",
        "\"text\"",
        "{\"text\":\"a\"} trailing",
        "{\"text\":\"a\"",
        "{\"text\":\"caf\u00e9\"}", // not ASCII
        "{\"text\":\"\ud800\"}", // a lone surrogate, which UTF-8 turns into '?'
        "{\"text\":\"a\",}",
        "",
      })
  void leavesToTheGeneralRead_whatItIsNotSureOf(String content) {
    assertNull(TextContent.strictText(content), content);
  }

  @Test
  void agreesWithTheGeneralRead_onBentContents() throws IOException {
    String[] bases = {
      "{\"text\":\"@_user_1 /ping now\"}",
      "{\"text\":\"x\\\"y\\u00e9\",\"a\":[true,false,null,1.5]}",
      "{\"a\":{\"b\":[]},\"text\":\"?\"}",
    };
    String alphabet = "{}[]\":,\\ text?u0\u00e9\ud800";
    Random random = new Random(42);
    int read = 0;
    for (int n = 0; n < 20_000; n++) {
      StringBuilder content = new StringBuilder(bases[random.nextInt(bases.length)]);
      for (int m = random.nextInt(3); m > 0; m--) {
        int at = random.nextInt(content.length());
        if (random.nextBoolean()) {
          content.deleteCharAt(at);
        } else {
          content.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      String strict = TextContent.strictText(content.toString());
      if (strict != null) {
        read++;
        assertEquals(general(content.toString()), strict, content::toString);
      }
    }
    assertTrue(read > 2_000, "read " + read);
  }

  private static String general(String content) throws IOException {
    JsonNode tree = JSON.readTree(content);
    return tree == null ? null : tree.path("text").textValue();
  }
}
