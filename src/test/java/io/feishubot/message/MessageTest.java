package io.feishubot.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void mention_wrapsTheOpenIdInAnAtTag() {
    assertThat(Message.Text.mention("ou_abc")).isEqualTo("<at user_id=\"ou_abc\"></at>");
    assertThat(Message.Text.mentionAll()).isEqualTo("<at user_id=\"all\"></at>");
  }

  /** An id that closes the attribute must not turn into a second tag (here an @all). */
  @Test
  void mention_escapesTheId_soItCannotBreakOutOfTheAttribute() {
    String hostile = "ou_1\"></at><at user_id=\"all\"></at><at user_id='x";

    String mention = Message.Text.mention(hostile);

    assertThat(mention).matches("<at user_id=\"[^\"<>']*\"></at>");
    assertThat(mention).doesNotContain("user_id=\"all\"");
    assertThat(mention)
        .isEqualTo(
            "<at user_id=\"ou_1&quot;&gt;&lt;/at&gt;&lt;at user_id=&quot;all&quot;&gt;"
                + "&lt;/at&gt;&lt;at user_id=&#39;x\"></at>");
  }

  @Test
  void mention_escapesAmpersandFirst_soEscapesAreNotDoubled() {
    assertThat(Message.Text.mention("a&b\"")).isEqualTo("<at user_id=\"a&amp;b&quot;\"></at>");
  }

  @Test
  void none_cannotBeRendered() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> MessageContent.of(Message.none()))
        .withMessageContaining("None");
  }

  @Test
  void none_isNone() {
    assertThat(Message.none()).isInstanceOf(Message.None.class).isEqualTo(new Message.None());
  }

  @Test
  void post_refusesASecondBodyInTheSameLanguage() {
    Message.Post post = Message.Post.of("t", List.of());

    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Message.Post(List.of(post.bodies().get(0), post.bodies().get(0))))
        .withMessageContaining("one body per language");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> post.withEnglish("a", List.of()).withEnglish("b", List.of()))
        .withMessageContaining("one body per language");
  }

  @Test
  void post_needsABody() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Message.Post(List.of()))
        .withMessageContaining("at least one");
  }

  @Test
  void template_withoutVersion_hasNoVersionKey() throws Exception {
    JsonNode json =
        JSON.readTree(MessageContent.of(Message.Template.of("ctp_1", Map.of())).content());

    assertThat(json.path("data").has("template_version_name")).isFalse();
    assertThat(json.at("/data/template_id").asText()).isEqualTo("ctp_1");
    assertThat(json.at("/data/template_variable").isObject()).isTrue();
  }

  @Test
  void template_refusesVariablesThatWouldNeedReflection() {
    Message.Template template = Message.Template.of("ctp_1", Map.of("when", new Object()));

    assertThatIllegalArgumentException()
        .isThrownBy(() -> MessageContent.of(template))
        .withMessageContaining("template_variable.when")
        .withMessageContaining("java.lang.Object");
  }

  @Test
  void template_keepsNullVariables() throws Exception {
    Map<String, Object> variables = new HashMap<>();
    variables.put("note", null);

    JsonNode json =
        JSON.readTree(MessageContent.of(Message.Template.of("ctp_1", variables)).content());

    assertThat(json.at("/data/template_variable").has("note")).isTrue();
    assertThat(json.at("/data/template_variable/note").isNull()).isTrue();
  }

  @Test
  void template_refusesABlankId() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Message.Template.of(" ", Map.of()))
        .withMessageContaining("templateId");
  }
}
