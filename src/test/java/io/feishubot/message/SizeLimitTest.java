package io.feishubot.message;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Feishu's limits are on the UTF-8 bytes of the serialized content: text 150 KB, post and
 * interactive 30 KB (KB = 1024). Each case builds content of exactly the limit, and one byte more,
 * out of multi-byte characters so counting chars instead of bytes would fail.
 */
class SizeLimitTest {

  private static final String MARKER = "SECRET-MARKER";
  private static final int TEXT_LIMIT = 150 * 1024;
  private static final int RICH_LIMIT = 30 * 1024;

  @Test
  void text_atTheLimit_isAccepted() {
    MessageContent content = MessageContent.of(sized(TEXT_LIMIT, Message::text));

    assertThat(content.content().getBytes(UTF_8)).hasSize(TEXT_LIMIT);
  }

  @Test
  void text_oneByteOver_isRefused_namingTypeAndLimitButNotTheContent() {
    assertRefused(sized(TEXT_LIMIT + 1, Message::text), "text", TEXT_LIMIT);
  }

  @Test
  void post_atTheLimit_isAccepted() {
    MessageContent content = MessageContent.of(sized(RICH_LIMIT, SizeLimitTest::post));

    assertThat(content.msgType()).isEqualTo("post");
    assertThat(content.content().getBytes(UTF_8)).hasSize(RICH_LIMIT);
  }

  @Test
  void post_oneByteOver_isRefused() {
    assertRefused(sized(RICH_LIMIT + 1, SizeLimitTest::post), "post", RICH_LIMIT);
  }

  @Test
  void card_atTheLimit_isAccepted() {
    MessageContent content = MessageContent.of(sized(RICH_LIMIT, SizeLimitTest::card));

    assertThat(content.msgType()).isEqualTo("interactive");
    assertThat(content.content().getBytes(UTF_8)).hasSize(RICH_LIMIT);
  }

  @Test
  void card_oneByteOver_isRefused() {
    assertRefused(sized(RICH_LIMIT + 1, SizeLimitTest::card), "interactive", RICH_LIMIT);
  }

  /** 30 KB of "中" is 10 K chars: a limit on chars would let a 3x too large card through. */
  @Test
  void card_isMeasuredInBytesNotChars() {
    Card card = card("中".repeat(RICH_LIMIT / 3));

    assertThat(card.toJson().toString().length()).isLessThan(RICH_LIMIT);
    assertRefused(card, "interactive", RICH_LIMIT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "é", "中", "\ud83d\ude00", "a\ud800b", "\udc00"})
  void utf8Length_isWhatGetBytesCounts_orMoreForLoneSurrogates(String unit) {
    String text = unit.repeat(1000);
    int counted = MessageContent.utf8Length(text);

    if (text.chars().anyMatch(c -> Character.isSurrogate((char) c))
        && !unit.equals("\ud83d\ude00")) {
      assertThat(counted).isGreaterThanOrEqualTo(text.getBytes(UTF_8).length);
    } else {
      assertThat(counted).isEqualTo(text.getBytes(UTF_8).length);
    }
  }

  @Test
  void utf8Length_isWhatGetBytesCounts_forRandomWellFormedText() {
    Random random = new Random(7);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      text.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x80) : randomCodePoint(random));
    }
    assertThat(MessageContent.utf8Length(text.toString()))
        .isEqualTo(text.toString().getBytes(UTF_8).length);
  }

  private static int randomCodePoint(Random random) {
    int codePoint;
    do {
      codePoint = random.nextInt(Character.MAX_CODE_POINT + 1);
    } while (Character.isSurrogate((char) codePoint) && codePoint < 0x10000);
    return codePoint;
  }

  private static void assertRefused(Message message, String msgType, int limit) {
    assertThatExceptionOfType(MessageTooLargeException.class)
        .isThrownBy(() -> MessageContent.of(message))
        .satisfies(
            e -> {
              assertThat(e.msgType()).isEqualTo(msgType);
              assertThat(e.limitBytes()).isEqualTo(limit);
              assertThat(e.bytes()).isGreaterThan(limit);
              assertThat(e.getMessage())
                  .contains(msgType)
                  .contains(Integer.toString(limit))
                  .doesNotContain(MARKER)
                  .doesNotContain("中");
            });
  }

  /**
   * The message {@code build} makes from a payload, grown so its content is exactly {@code bytes}
   * long: "中" (3 bytes) as far as it goes, then ASCII for the rest.
   */
  private static Message sized(int bytes, Function<String, Message> build) {
    int overhead = MessageContent.of(build.apply(MARKER)).content().getBytes(UTF_8).length;
    int room = bytes - overhead;
    String payload = MARKER + "中".repeat(room / 3) + "a".repeat(room % 3);
    return build.apply(payload);
  }

  private static Message post(String text) {
    return Message.Post.of("title", List.of(List.of(PostElement.text(text))));
  }

  private static Card card(String markdown) {
    return Card.builder().header("title", Card.HeaderColor.BLUE).markdown(markdown).build();
  }
}
