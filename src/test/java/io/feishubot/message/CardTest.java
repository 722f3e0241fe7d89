package io.feishubot.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.fasterxml.jackson.databind.JsonNode;
import io.feishubot.message.Card.Button;
import io.feishubot.message.Card.ButtonStyle;
import io.feishubot.message.Card.HeaderColor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CardTest {

  @Test
  void card_has200Elements_isAccepted() {
    Card.Builder builder = Card.builder();
    for (int i = 0; i < 200; i++) {
      builder.markdown("line " + i);
    }

    assertThat(builder.build().toJson().at("/body/elements").size()).isEqualTo(200);
  }

  @Test
  void card_has201Elements_isRefused() {
    Card.Builder builder = Card.builder();
    for (int i = 0; i < 201; i++) {
      builder.markdown("line " + i);
    }

    assertThatIllegalArgumentException()
        .isThrownBy(builder::build)
        .withMessageContaining("at most 200")
        .withMessageContaining("201");
  }

  /** A row of 3 buttons is a column set, 3 columns and 3 buttons: 7 components, not 1. */
  @Test
  void elementCount_includesColumnsAndWhatIsInsideThem() {
    Card.Builder builder = Card.builder();
    for (int i = 0; i < 193; i++) {
      builder.divider();
    }
    Button ok = Button.link("ok", "https://example.com");

    assertThat(builder.buttons(ok, ok, ok).build().elements()).hasSize(194);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder.divider().build())
        .withMessageContaining("201");
  }

  @Test
  void card_isAlwaysSchema2AndShared() {
    for (Card card :
        List.of(
            Card.builder().build(),
            Card.builder().header("t", HeaderColor.RED).markdown("x").build())) {
      JsonNode json = card.toJson();

      assertThat(json.path("schema").asText()).isEqualTo("2.0");
      assertThat(json.at("/config/update_multi").isBoolean()).isTrue();
      assertThat(json.at("/config/update_multi").booleanValue()).isTrue();
      assertThat(json.at("/body/elements").isArray()).isTrue();
    }
  }

  @Test
  void card_withoutHeader_hasNoHeaderKey() {
    assertThat(Card.builder().markdown("x").build().toJson().has("header")).isFalse();
  }

  @ParameterizedTest
  @EnumSource(HeaderColor.class)
  void headerColor_isTheLowerCaseName(HeaderColor color) {
    JsonNode json = Card.builder().header("t", color).build().toJson();

    assertThat(json.at("/header/template").asText())
        .isEqualTo(color.name().toLowerCase(java.util.Locale.ROOT))
        .matches("[a-z]+");
  }

  @Test
  void callbackButton_valueIsTheActionPlusTheArguments() {
    Button button =
        Button.callback("Go", ButtonStyle.PRIMARY, "job.run", Map.of("job", "7", "env", "prod"));
    JsonNode json = CardJson.element(button);

    assertThat(json.at("/behaviors/0/type").asText()).isEqualTo("callback");
    JsonNode value = json.at("/behaviors/0/value");
    assertThat(value.size()).isEqualTo(3);
    assertThat(value.path("action").asText()).isEqualTo("job.run");
    assertThat(value.path("job").asText()).isEqualTo("7");
    assertThat(value.path("env").asText()).isEqualTo("prod");
    assertThat(json.path("type").asText()).isEqualTo("primary");
  }

  @Test
  void callbackButton_refusesAnArgumentNamedAction() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> Button.callback("Go", ButtonStyle.DEFAULT, "job.run", Map.of("action", "other")))
        .withMessageContaining("'action' is reserved");
  }

  @Test
  void button_needsAnActionOrAUrl_andArgumentsOnlyWithAnAction() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new Button("x", ButtonStyle.DEFAULT, Optional.empty(), Map.of(), Optional.empty()))
        .withMessageContaining("needs an action or a url");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new Button(
                    "x",
                    ButtonStyle.DEFAULT,
                    Optional.empty(),
                    Map.of("k", "v"),
                    Optional.of("https://example.com")))
        .withMessageContaining("arguments but no action");
  }

  @Test
  void linkButton_opensTheUrlAndHasNoCallback() {
    JsonNode json = CardJson.element(Button.link("Docs", "https://example.com/docs"));

    assertThat(json.path("behaviors").size()).isEqualTo(1);
    assertThat(json.at("/behaviors/0/type").asText()).isEqualTo("open_url");
    assertThat(json.at("/behaviors/0/default_url").asText()).isEqualTo("https://example.com/docs");
  }

  @Test
  void buttons_areNeverWrappedInThe1_0ActionModule() {
    Card card =
        Card.builder()
            .buttons(Button.link("a", "https://a"), Button.link("b", "https://b"))
            .build();

    assertThat(card.toJson().findValues("tag").stream().map(JsonNode::asText))
        .doesNotContain("action")
        .contains("column_set", "column", "button");
  }

  @Test
  void builder_refusesNullsWithTheirNames() {
    assertThatNullPointerException()
        .isThrownBy(() -> Card.builder().header(null, HeaderColor.BLUE))
        .withMessage("title");
    assertThatNullPointerException()
        .isThrownBy(() -> Card.builder().header("t", null))
        .withMessage("color");
    assertThatNullPointerException()
        .isThrownBy(() -> Card.builder().markdown(null))
        .withMessage("content");
    assertThatNullPointerException()
        .isThrownBy(() -> Card.builder().fields(Arrays.asList(new Card.Field("a", "b"), null)))
        .withMessage("field");
    assertThatNullPointerException()
        .isThrownBy(() -> Button.callback("x", ButtonStyle.DEFAULT, null, Map.of()))
        .withMessage("action");
  }

  @Test
  void subtitle_needsAHeaderFirst() {
    assertThatIllegalStateException()
        .isThrownBy(() -> Card.builder().subtitle("s"))
        .withMessageContaining("header");
  }

  @Test
  void card_isImmutable_afterBuild() {
    Card.Builder builder = Card.builder().markdown("one");
    Card card = builder.build();
    builder.markdown("two");

    assertThat(card.elements()).hasSize(1);
  }
}
