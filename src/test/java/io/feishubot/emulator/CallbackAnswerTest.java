package io.feishubot.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each answer shape of feishu-cards.md §1.1, read as Feishu's client reads it. */
class CallbackAnswerTest {

  static final String CARD_2 = "{\"schema\":\"2.0\",\"header\":{\"template\":\"orange\"}}";

  @Test
  void emptyAnswer_andMainsPlainSuccess_leaveTheCardAlone() {
    for (String body : new String[] {"{}", "{\"msg\":\"success\"}"}) {
      CallbackAnswer answer = CallbackAnswer.read(200, body, CARD_2);
      assertThat(answer.toast()).isEmpty();
      assertThat(answer.card()).isEmpty();
    }
  }

  @Test
  void toast_isShown_withI18nWhenThereIsNoContent() {
    CallbackAnswer answer =
        CallbackAnswer.read(
            200, "{\"toast\":{\"type\":\"success\",\"content\":\"Approved\"}}", CARD_2);
    assertThat(answer.toast().orElseThrow().toString())
        .isEqualTo("{\"type\":\"success\",\"content\":\"Approved\"}");
    CallbackAnswer i18n =
        CallbackAnswer.read(
            200,
            "{\"toast\":{\"type\":\"odd\",\"i18n\":{\"zh_cn\":\"好\",\"en_us\":\"Done\"}}}",
            CARD_2);
    assertThat(i18n.toast().orElseThrow().toString())
        .isEqualTo("{\"type\":\"info\",\"content\":\"Done\"}");
  }

  @Test
  void rawCard_replacesThePressedOne() {
    String green = "{\"schema\":\"2.0\",\"header\":{\"template\":\"green\"}}";
    CallbackAnswer answer =
        CallbackAnswer.read(200, "{\"card\":{\"type\":\"raw\",\"data\":" + green + "}}", CARD_2);
    assertThat(answer.card()).contains(green);
    assertThat(answer.note()).isEqualTo("card replaced");
  }

  @Test
  void templateCard_replacesItAsATemplateMessage() {
    CallbackAnswer answer =
        CallbackAnswer.read(
            200, "{\"card\":{\"type\":\"template\",\"data\":{\"template_id\":\"ctp_1\"}}}", CARD_2);
    assertThat(answer.card())
        .contains("{\"type\":\"template\",\"data\":{\"template_id\":\"ctp_1\"}}");
  }

  @Test
  void whatTheClientRefuses_becomesItsErrorToast() {
    assertThat(CallbackAnswer.read(503, "{}", CARD_2).toast().orElseThrow().get("content").asText())
        .startsWith("Error 200671");
    assertThat(CallbackAnswer.read(200, "ok", CARD_2).toast().orElseThrow().get("content").asText())
        .startsWith("Error 200672");
    assertThat(
            CallbackAnswer.read(200, "{\"card\":{\"type\":\"url\",\"data\":{}}}", CARD_2)
                .toast()
                .orElseThrow()
                .get("content")
                .asText())
        .startsWith("Error 200673");
    CallbackAnswer downgrade =
        CallbackAnswer.read(
            200, "{\"card\":{\"type\":\"raw\",\"data\":{\"elements\":[]}}}", CARD_2);
    assertThat(downgrade.card()).isEmpty();
    assertThat(downgrade.toast().orElseThrow().get("content").asText()).startsWith("Error 200830");
  }
}
