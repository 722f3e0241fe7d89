package io.feishubot.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feishubot.feishu.MalformedPayloadException;
import io.feishubot.feishu.MessageReceived.Mention;
import io.feishubot.feishu.MessageReceived.Message;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineParserTest {

  private static final ObjectMapper TREE = new ObjectMapper();
  private static final String BOT = "ou_bot";
  private static final Mention BOT_MENTION = new Mention("@_user_1", BOT, null, null, "DeployBot");
  private static final Mention TOM = new Mention("@_user_2", "ou_tom", null, null, "Tom");

  private final CommandLineParser anyLeadingMention = new CommandLineParser(Optional.empty());
  private final CommandLineParser knownBot = new CommandLineParser(Optional.of(BOT));

  @Test
  void readsSlashCommand_afterTheBotMention() {
    CommandLine line =
        anyLeadingMention.parse(text("@_user_1 /deploy api --force", BOT_MENTION)).orElseThrow();
    assertThat(line.name()).isEqualTo("deploy");
    assertThat(line.arguments()).containsExactly("api", "--force");
    assertThat(line.argumentText()).isEqualTo("api --force");
  }

  @Test
  void slashIsOptional_andNameIsCaseInsensitive() {
    assertThat(anyLeadingMention.parse(text("PING")).orElseThrow().name()).isEqualTo("ping");
    assertThat(anyLeadingMention.parse(text("／ping")).orElseThrow().name()).isEqualTo("ping");
  }

  @Test
  void otherMentionsInArguments_becomeNames() {
    CommandLine line =
        knownBot.parse(text("@_user_1 /oncall @_user_2", BOT_MENTION, TOM)).orElseThrow();
    assertThat(line.name()).isEqualTo("oncall");
    assertThat(line.arguments()).containsExactly("@Tom");
  }

  @Test
  void messageAddressedToSomeoneElseFirst_isNoCommand_whenTheBotIsKnown() {
    assertThat(knownBot.parse(text("@_user_2 /deploy", BOT_MENTION, TOM))).isEmpty();
    // Without the bot's open_id every leading mention is taken for the bot's.
    assertThat(anyLeadingMention.parse(text("@_user_2 /deploy", TOM)).orElseThrow().name())
        .isEqualTo("deploy");
  }

  @Test
  void mentionOfEveryone_isNeverStrippedAsTheBot() {
    Mention all = new Mention("@_all", null, null, null, "所有人");
    assertThat(anyLeadingMention.parse(text("@_all /ping", all))).isEmpty();
  }

  @Test
  void longerPlaceholderIsNotMistakenForAShorterOne() {
    Mention tenth = new Mention("@_user_10", BOT, null, null, "DeployBot");
    Mention first = new Mention("@_user_1", "ou_other", null, null, "Other");
    CommandLine line = knownBot.parse(text("@_user_10 /ping", first, tenth)).orElseThrow();
    assertThat(line.name()).isEqualTo("ping");
  }

  @Test
  void bareMention_meansHelp() {
    assertThat(anyLeadingMention.parse(text("@_user_1", BOT_MENTION)).orElseThrow().name())
        .isEqualTo("help");
  }

  @Test
  void readsPostMessages_inBothShapes() {
    String flat =
        "{\"title\":\"t\",\"content\":[[{\"tag\":\"at\",\"user_id\":\"@_user_1\"},"
            + "{\"tag\":\"text\",\"text\":\"/deploy \"},{\"tag\":\"a\",\"text\":\"web\",\"href\":\"https://x\"}]]}";
    String localised = "{\"zh_cn\":" + flat + "}";
    for (String content : List.of(flat, localised)) {
      CommandLine line =
          anyLeadingMention.parse(message("post", content, BOT_MENTION)).orElseThrow();
      assertThat(line.name()).isEqualTo("deploy");
      assertThat(line.arguments()).containsExactly("web");
    }
  }

  @Test
  void otherMessageTypes_carryNoCommand() {
    assertThat(anyLeadingMention.parse(message("image", "{\"image_key\":\"img_1\"}"))).isEmpty();
  }

  @Test
  void contentThatIsNotJson_isMalformed() {
    assertThatThrownBy(() -> anyLeadingMention.parse(message("text", "{not json")))
        .isInstanceOf(MalformedPayloadException.class);
  }

  /** Reading the text from the token stream must answer exactly as reading it from a tree. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"text\":\"/ping\"}",
        "{\"text\":\"/a\",\"text\":\"/b\"}", // duplicate: the last wins
        "{\"text\":\"/a\",\"text\":7}",
        "{\"text\":7,\"text\":\"/b\"}",
        "{\"text\":null}",
        "{\"text\":{\"text\":\"/nested\"}}",
        "{\"text\":[\"/ping\"]}",
        "{\"other\":{\"text\":\"/nested\"},\"text\":\"/ping\"}",
        "{\"other\":[{\"text\":\"/x\"},1,2.5e3,true,null]}",
        "{}",
        "[{\"text\":\"/ping\"}]",
        "\"/ping\"",
        "42",
        "null",
        "",
        "   ",
        "{\"text\":\"/ping\"} trailing",
        "{\"text\":\"/ping\"}{\"text\":\"/pong\"}",
        "{\"text\":\"\\u002fping \\\"q\\\"\"}",
        "{not json",
        "{\"text\":\"/ping\"",
        "{\"text\":\"/ping\",}",
        "{\"other\":[1,}",
        "{\"other\":tru}",
        "[1,2",
      })
  void textFromStream_agreesWithTree(String content) {
    Optional<String> expected;
    try {
      JsonNode text = TREE.readTree(content).path("text");
      if (!text.isMissingNode() && !text.isNull() && !text.isTextual()) {
        // A text that is not a string: the message is malformed, not merely without a command.
        assertThatThrownBy(() -> CommandLineParser.plainText(message("text", content)))
            .isInstanceOf(MalformedPayloadException.class)
            .hasMessage("text message's text is not a string");
        return;
      }
      expected = Optional.ofNullable(text.textValue());
    } catch (IOException e) {
      assertThatThrownBy(() -> CommandLineParser.plainText(message("text", content)))
          .isInstanceOf(MalformedPayloadException.class);
      return;
    }
    assertThat(CommandLineParser.plainText(message("text", content))).isEqualTo(expected);
  }

  private static Message text(String text, Mention... mentions) {
    return message("text", "{\"text\":" + quote(text) + "}", mentions);
  }

  private static Message message(String type, String content, Mention... mentions) {
    return new Message("om_1", null, null, null, "oc_1", "group", type, content, List.of(mentions));
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Test
  void mentionsWithoutKey_amongOthers_areSkipped_notAnError() {
    Mention bot = new Mention("@_user_1", "ou_bot", null, null, "Bot");
    Mention noKey = new Mention(null, "ou_2", null, null, "Ghost");
    Mention other = new Mention("@_user_2", "ou_3", null, null, "Ann");
    Optional<CommandLine> command =
        new CommandLineParser(Optional.of("ou_bot"))
            .parse(text("@_user_1 /deploy api @_user_2", bot, noKey, other));
    assertThat(command).contains(new CommandLine("deploy", List.of("api", "@Ann"), "api @Ann"));
  }

  /** The splitter against the regex it replaces, on words, runs and non-ASCII spaces. */
  @Test
  void wordsSplitsExactlyAsTheWhitespaceRegex() {
    Pattern regex = Pattern.compile("\\s+");
    String[] pieces = {
      "a", "/ping", "中", " ", "  ", "\t", "\n", "\u000B", "\f", "\r", "\u00A0", "\u2003", "\u3000",
      ""
    };
    Random random = new Random(11);
    List<String> fixed = List.of("", " ", "a", " a", "a ", " a b  c ", "a\u00A0b", "\t\n");
    Stream<String> generated =
        IntStream.range(0, 20_000)
            .mapToObj(
                n -> {
                  StringBuilder line = new StringBuilder();
                  for (int i = random.nextInt(8); i > 0; i--) {
                    line.append(pieces[random.nextInt(pieces.length)]);
                  }
                  return line.toString();
                });
    Stream.concat(fixed.stream(), generated)
        .forEach(
            line ->
                assertThat(CommandLineParser.words(line))
                    .as("words of [%s]", line)
                    .containsExactly(regex.split(line, -1)));
  }
}
