package io.feishubot.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written text content writer must write exactly what Jackson's ObjectMapper writes. */
class MessageContentTextTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String viaObjectMapper(String text) throws Exception {
    return JSON.writeValueAsString(Map.of("text", text));
  }

  private static String viaMessageContent(String text) {
    MessageContent content = MessageContent.of(Message.text(text));
    assertThat(content.msgType()).isEqualTo("text");
    return content.content();
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
    assertThat(viaMessageContent(text)).isEqualTo(viaObjectMapper(text));
  }

  @Test
  void textContent_isWhatObjectMapperWrites_forEveryChar() throws Exception {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      all.append(c);
    }
    // 194 KB, over the text limit: the writer itself, not MessageContent.of, which refuses it.
    assertThat(MessageContent.textContent(all.toString()))
        .isEqualTo(viaObjectMapper(all.toString()));
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
      assertThat(viaMessageContent(text)).isEqualTo(viaObjectMapper(text));
    }
  }

  @Test
  void text_rejectsNull() {
    assertThatNullPointerException().isThrownBy(() -> Message.text(null)).withMessage("text");
  }
}
