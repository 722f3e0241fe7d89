package io.feishubot.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String viaObjectMapper(String text) throws Exception {
    return JSON.writeValueAsString(Map.of("text", text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "pong",
        "quote \" backslash \\ slash / tab \t newline \n cr \r",
        "\u0000\u0001\u001f\u007f\u0080\u2028\u2029",
        "中文 ✓ \ud83d\ude00 <at user_id=\"ou_1\"></at>",
        "lone \ud800 and \udc00 surrogates",
      })
  void textContent_isWhatObjectMapperWrites(String text) throws Exception {
    assertEquals(viaObjectMapper(text), Reply.text(text).content());
  }

  @Test
  void textContent_isWhatObjectMapperWrites_forEveryChar() throws Exception {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      all.append(c);
    }
    assertEquals(viaObjectMapper(all.toString()), Reply.text(all.toString()).content());
  }

  @Test
  void textContent_isWhatObjectMapperWrites_forRandomText() throws Exception {
    Random random = new Random(42);
    for (int n = 0; n < 2000; n++) {
      char[] chars = new char[random.nextInt(40)];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = random.nextBoolean() ? (char) random.nextInt(0x80) : (char) random.nextInt();
      }
      String text = new String(chars);
      assertEquals(viaObjectMapper(text), Reply.text(text).content());
    }
  }

  @Test
  void textContent_rejectsNull() {
    assertThrows(NullPointerException.class, () -> Reply.text(null).content());
  }
}
