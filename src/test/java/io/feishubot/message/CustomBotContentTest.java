package io.feishubot.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feishubot.message.Card.Button;
import io.feishubot.message.Card.ButtonStyle;
import io.feishubot.message.Card.HeaderColor;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The custom bot's body shapes (feishu-cards.md §3), which differ from the IM API's. */
class CustomBotContentTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void text_hasContentAsAnObject() throws IOException {
    JsonNode body = json(CustomBotContent.of(Message.text("hi \"there\"")).body());
    assertThat(body.path("msg_type").asText()).isEqualTo("text");
    assertThat(body.path("content").isObject()).isTrue();
    assertThat(body.at("/content/text").asText()).isEqualTo("hi \"there\"");
  }

  @Test
  void post_isWrappedInPost() throws IOException {
    Message.Post post =
        Message.Post.of(
            "T", List.of(List.of(PostElement.text("x"), PostElement.link("l", "https://e.x"))));
    JsonNode body = json(CustomBotContent.of(post).body());
    assertThat(body.path("msg_type").asText()).isEqualTo("post");
    assertThat(body.at("/content/post/zh_cn/title").asText()).isEqualTo("T");
    assertThat(body.at("/content/post/zh_cn/content/0/1/href").asText()).isEqualTo("https://e.x");
  }

  @Test
  void card_isATopLevelCardObject() throws IOException {
    Card card =
        Card.builder()
            .header("Alert", HeaderColor.RED)
            .markdown("**x**")
            .buttons(Button.link("Open", "https://e.x"))
            .build();
    JsonNode body = json(CustomBotContent.of(card).body());
    assertThat(body.path("msg_type").asText()).isEqualTo("interactive");
    assertThat(body.has("content")).isFalse();
    assertThat(body.path("card")).isEqualTo(card.toJson());
  }

  @Test
  void shareChat_namesTheChat() throws IOException {
    JsonNode body = json(CustomBotContent.shareChat("oc_abc").body());
    assertThat(body.path("msg_type").asText()).isEqualTo("share_chat");
    assertThat(body.at("/content/share_chat_id").asText()).isEqualTo("oc_abc");
  }

  @Test
  void signedBody_carriesTimestampAsStringAndSign_atTheTop() throws IOException {
    JsonNode body = json(CustomBotContent.of(Message.text("hi")).body(1599360473L, "c2lnbg=="));
    assertThat(body.path("timestamp").isTextual()).isTrue();
    assertThat(body.path("timestamp").asText()).isEqualTo("1599360473");
    assertThat(body.path("sign").asText()).isEqualTo("c2lnbg==");
    assertThat(body.at("/content/text").asText()).isEqualTo("hi");
  }

  @Test
  void card_withACallbackButton_isRefused_evenInsideColumns() {
    Card card =
        Card.builder()
            .buttons(
                Button.link("Open", "https://e.x"),
                Button.callback("Ack", ButtonStyle.PRIMARY, "alerts.ack", Map.of()))
            .build();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CustomBotContent.of(card))
        .withMessageContaining("cannot call back")
        .withMessageContaining("Ack");
  }

  @Test
  void bodyOverTwentyKilobytes_isRefused_beforeSending() {
    String big = "x".repeat(CustomBotContent.LIMIT_BYTES);
    assertThatThrownBy(() -> CustomBotContent.of(Message.text(big)))
        .isInstanceOf(MessageTooLargeException.class)
        .hasMessageNotContaining("xxxx");
    // Just under: the body and the signature's room fit.
    String fits =
        "x".repeat(CustomBotContent.LIMIT_BYTES - CustomBotContent.SIGNATURE_ALLOWANCE - 64);
    assertThat(CustomBotContent.of(Message.text(fits)).body()).contains(fits);
  }

  @Test
  void none_isRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> CustomBotContent.of(Message.none()));
  }

  private static JsonNode json(String text) throws IOException {
    return JSON.readTree(text);
  }
}
