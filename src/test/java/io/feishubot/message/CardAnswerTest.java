package io.feishubot.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The callback answers Feishu documents (shared/feishu-cards.md §1.1, §1.2). */
class CardAnswerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Card CARD = Card.builder().markdown("**done**").build();

  @Test
  void nothing_isAnEmptyObject_inBothShapes() {
    assertThat(CardAnswer.nothing().toCallbackJson()).isEqualTo("{}");
    assertThat(CardAnswer.nothing().toLegacyCallbackJson()).isEqualTo("{}");
  }

  @Test
  void newStyle_wrapsTheCardAsRawData_besideTheToast() throws Exception {
    Toast toast = new Toast(Toast.Kind.SUCCESS, "Done", Map.of("zh_cn", "完成", "en_us", "Done"));
    JsonNode json = JSON.readTree(CardAnswer.of(toast, CARD).toCallbackJson());
    assertThat(json.path("toast").path("type").asText()).isEqualTo("success");
    assertThat(json.path("toast").path("content").asText()).isEqualTo("Done");
    assertThat(json.path("toast").path("i18n").path("zh_cn").asText()).isEqualTo("完成");
    assertThat(json.path("card").path("type").asText()).isEqualTo("raw");
    assertThat(json.path("card").path("data")).isEqualTo(CARD.toJson());
  }

  @Test
  void legacy_putsTheCardAtTheTopLevel() throws Exception {
    JsonNode json = JSON.readTree(CardAnswer.of(Toast.error("No"), CARD).toLegacyCallbackJson());
    assertThat(json.has("card")).isFalse();
    assertThat(json.path("schema").asText()).isEqualTo("2.0");
    assertThat(json.path("body")).isEqualTo(CARD.toJson().path("body"));
    assertThat(json.path("toast").path("type").asText()).isEqualTo("error");
  }

  @Test
  void aToastAlone_hasNoCard_andNoI18nWhenThereIsNone() throws Exception {
    JsonNode json = JSON.readTree(CardAnswer.of(Toast.warning("Careful")).toCallbackJson());
    assertThat(json.has("card")).isFalse();
    assertThat(json.path("toast").has("i18n")).isFalse();
    assertThat(json.path("toast").path("type").asText()).isEqualTo("warning");
  }

  @Test
  void cardMentions_keepOnlyIdCharacters() {
    assertThat(Card.mention("ou_abc123")).isEqualTo("<at id=ou_abc123></at>");
    assertThat(Card.mention("ou_x></at><at id=all")).isEqualTo("<at id=ou_xatatidall></at>");
  }
}
