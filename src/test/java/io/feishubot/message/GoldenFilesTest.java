package io.feishubot.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feishubot.message.Card.Button;
import io.feishubot.message.Card.ButtonStyle;
import io.feishubot.message.Card.Field;
import io.feishubot.message.Card.HeaderColor;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each message kind against a hand-written content document in {@code
 * src/test/resources/messages/}, compared as parsed trees so formatting does not matter.
 */
class GoldenFilesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALICE = "ou_7d8a6e6df7621556ce0d21922b676706";

  @Test
  void text_withMention() throws IOException {
    Message message = Message.text(Message.Text.mention(ALICE) + " deploy of \"api\" finished ✓");

    assertRendersAs(message, "text", "text-with-mention");
  }

  @Test
  void post_inChineseAndEnglish_withTextLinkAndAt() throws IOException {
    Message message =
        Message.Post.of(
                "发布完成",
                List.of(
                    List.of(
                        PostElement.text("版本 1.4.2 已发布，"),
                        PostElement.link("查看变更", "https://example.com/changes/1.4.2")),
                    List.of(PostElement.at(ALICE), PostElement.text(" 请验证"))))
            .withEnglish(
                "Release done",
                List.of(
                    List.of(
                        PostElement.text("Version 1.4.2 is out, "),
                        PostElement.link("see changes", "https://example.com/changes/1.4.2")),
                    List.of(PostElement.at(ALICE), PostElement.text(" please verify"))));

    assertRendersAs(message, "post", "post-zh-en");
  }

  @Test
  void card_withHeaderMarkdownDividerFieldsAndButtons() throws IOException {
    Map<String, String> approveArguments = new LinkedHashMap<>();
    approveArguments.put("request", "req-42");
    approveArguments.put("service", "api");
    Card card =
        Card.builder()
            .header("Deploy request", HeaderColor.ORANGE)
            .subtitle("api · production")
            .markdown("**alice** wants to deploy `api` **1.4.2**")
            .divider()
            .fields(
                List.of(
                    new Field("Service", "api"),
                    new Field("Version", "1.4.2"),
                    new Field("Region", "cn-north-1")))
            .buttons(
                Button.callback("Approve", ButtonStyle.PRIMARY, "deploy.approve", approveArguments),
                Button.callback(
                    "Reject", ButtonStyle.DANGER, "deploy.reject", Map.of("request", "req-42")),
                Button.link("Open pipeline", "https://ci.example.com/pipelines/42"))
            .build();

    assertRendersAs(card, "interactive", "card-approval");
    assertThat(card.toJson()).isEqualTo(golden("card-approval"));
  }

  @Test
  void templateCard() throws IOException {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("service", "api");
    variables.put("replicas", 3);
    variables.put("healthy", true);
    variables.put("owners", List.of("alice", "bob"));
    variables.put("links", Map.of("logs", "https://logs.example.com/api"));

    assertRendersAs(
        new Message.Template("ctp_AA1bCdEfGh2i", "1.0.3", variables),
        "interactive",
        "template-card");
  }

  @Test
  void helpCard_listingCommands() throws IOException {
    Card card =
        Card.builder()
            .header("Commands", HeaderColor.BLUE)
            .columns(
                List.of(
                    List.of(CardElement.markdown("**/ping**"), CardElement.markdown("**/help**")),
                    List.of(
                        CardElement.markdown("Answers pong"),
                        CardElement.markdown("Lists these commands"))))
            .divider()
            .markdown("Mention me with a command, e.g. `@bot /ping`.")
            .build();

    assertRendersAs(card, "interactive", "card-help");
  }

  private static void assertRendersAs(Message message, String msgType, String golden)
      throws IOException {
    MessageContent content = MessageContent.of(message);

    assertThat(content.msgType()).isEqualTo(msgType);
    assertThat(JSON.readTree(content.content())).isEqualTo(golden(golden));
  }

  private static JsonNode golden(String name) throws IOException {
    try (InputStream in =
        GoldenFilesTest.class.getResourceAsStream("/messages/" + name + ".json")) {
      assertThat(in).as("golden file %s.json", name).isNotNull();
      return JSON.readTree(in);
    }
  }
}
