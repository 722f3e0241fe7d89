package io.feishubot.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class MessageJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CARD =
      "{\"schema\":\"2.0\",\"body\":{\"elements\":[{\"tag\":\"markdown\",\"content\":\"hi\"}]}}";

  @Test
  void aCard_isSentAsWritten_asObjectOrString() throws Exception {
    for (String content : new String[] {CARD, JSON.writeValueAsString(CARD)}) {
      Message message =
          MessageJson.read("{\"msg_type\":\"interactive\",\"content\":" + content + "}");

      MessageContent rendered = MessageContent.of(message);
      assertThat(rendered.msgType()).isEqualTo("interactive");
      assertThat(JSON.readTree(rendered.content())).isEqualTo(JSON.readTree(CARD));
    }
  }

  @Test
  void text_becomesATextMessage() {
    assertThat(MessageJson.read("{\"msg_type\":\"text\",\"content\":{\"text\":\"hello\"}}"))
        .isEqualTo(Message.text("hello"));
  }

  @Test
  void aCardOverFeishusLimit_isRefusedWhenRendered() {
    String big =
        "{\"elements\":[{\"tag\":\"markdown\",\"content\":\"" + "x".repeat(31 * 1024) + "\"}]}";
    Message message = MessageJson.read("{\"msg_type\":\"interactive\",\"content\":" + big + "}");

    assertThatThrownBy(() -> MessageContent.of(message))
        .isInstanceOf(MessageTooLargeException.class);
  }

  @Test
  void aVerbatimCardOrPost_goesToACustomBotInItsShape() throws Exception {
    CustomBotContent card = CustomBotContent.of(new Message.Verbatim("interactive", CARD));
    assertThat(JSON.readTree(card.body()).path("card")).isEqualTo(JSON.readTree(CARD));

    String post = "{\"zh_cn\":{\"title\":\"t\",\"content\":[]}}";
    CustomBotContent rich = CustomBotContent.of(new Message.Verbatim("post", post));
    assertThat(JSON.readTree(rich.body()).path("content").path("post"))
        .isEqualTo(JSON.readTree(post));
  }

  @Test
  void anythingElse_isRefused_withoutQuotingIt() {
    for (String bad :
        new String[] {
          "secret-ish not json",
          "[1,2]",
          "{\"content\":{\"text\":\"secret-ish\"}}",
          "{\"msg_type\":\"secret-ish\",\"content\":{}}",
          "{\"msg_type\":\"text\",\"content\":\"secret-ish\"}",
          "{\"msg_type\":\"text\",\"content\":{\"text\":42}}",
          "{\"msg_type\":\"interactive\"}"
        }) {
      assertThatThrownBy(() -> MessageJson.read(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining("secret-ish");
    }
  }
}
