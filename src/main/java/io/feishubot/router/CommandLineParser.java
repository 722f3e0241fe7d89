package io.feishubot.router;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feishubot.feishu.MalformedPayloadException;
import io.feishubot.feishu.MessageReceived;
import io.feishubot.feishu.MessageReceived.Mention;
import io.feishubot.feishu.TextContent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a command out of a received text or post message. Feishu writes each mention as a
 * placeholder ({@code @_user_1}) and lists who it is in {@code mentions}; the bot's own mention in
 * front of the command is dropped, other mentions become {@code @Name} in the arguments.
 */
public final class CommandLineParser {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MENTION_ALL = "@_all";
  private static final Comparator<Mention> LONGEST_KEY_FIRST =
      Comparator.comparingInt((Mention m) -> m.key().length()).reversed();

  private final Optional<String> botOpenId;

  /**
   * @param botOpenId the bot's open_id; when empty, any leading mention counts as the bot's
   */
  public CommandLineParser(Optional<String> botOpenId) {
    this.botOpenId = botOpenId;
  }

  /** The command in {@code message}, or empty when it carries no text to read one from. */
  public Optional<CommandLine> parse(MessageReceived.Message message) {
    Optional<String> line = commandText(message);
    if (line.isEmpty()) {
      return Optional.empty();
    }
    String[] words = words(line.get());
    String first = words[0];
    if (first.startsWith("/") || first.startsWith("／")) {
      first = first.substring(1);
    }
    if (first.isEmpty()) {
      return Optional.of(new CommandLine("help", List.of(), ""));
    }
    List<String> arguments = Arrays.asList(words).subList(1, words.length);
    return Optional.of(
        new CommandLine(
            first.toLowerCase(Locale.ROOT), arguments, String.join(" ", arguments).strip()));
  }

  /**
   * {@code Pattern.compile("\\s+").split(line, -1)}, without a matcher per message (most messages
   * are one word): split at runs of ASCII whitespace as {@code \s} means it (space, tab, line feed,
   * vertical tab, form feed, carriage return), a leading or trailing run giving an empty word, no
   * run giving the line itself. CommandLineParserTest compares the two.
   */
  static String[] words(String line) {
    List<String> words = null;
    int start = 0;
    int i = 0;
    while (i < line.length()) {
      if (!isRegexSpace(line.charAt(i))) {
        i++;
        continue;
      }
      int end = i;
      while (i < line.length() && isRegexSpace(line.charAt(i))) {
        i++;
      }
      if (words == null) {
        words = new ArrayList<>();
      }
      words.add(line.substring(start, end));
      start = i;
    }
    if (words == null) {
      return new String[] {line};
    }
    words.add(line.substring(start));
    return words.toArray(String[]::new);
  }

  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /**
   * The command line as typed, {@code /deploy api --force}: the message's text without the bot's
   * mention in front, other mentions as {@code @Name}, trimmed. Empty when {@link #parse} finds no
   * command.
   */
  public Optional<String> commandText(MessageReceived.Message message) {
    Optional<String> text = plainText(message);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    // Only mentions with a key can stand in the text. Longest key first, so that @_user_1 never
    // matches the front of @_user_10.
    List<Mention> mentions = new ArrayList<>(message.mentions().size());
    for (Mention mention : message.mentions()) {
      if (mention.key() != null && !mention.key().isEmpty()) {
        mentions.add(mention);
      }
    }
    mentions.sort(LONGEST_KEY_FIRST);
    String rest = stripLeadingBotMentions(text.get().strip(), mentions);
    if (rest.startsWith("@_")) {
      return Optional.empty(); // addressed to somebody else first
    }
    return Optional.of(resolveMentions(rest, mentions).strip());
  }

  private String stripLeadingBotMentions(String text, List<Mention> mentions) {
    String rest = text;
    boolean stripped = true;
    while (stripped) {
      stripped = false;
      for (Mention mention : mentions) {
        if (rest.startsWith(mention.key())
            && isBot(mention)
            && !MENTION_ALL.equals(mention.key())) {
          rest = rest.substring(mention.key().length()).strip();
          stripped = true;
          break;
        }
      }
    }
    return rest;
  }

  private boolean isBot(Mention mention) {
    return botOpenId.map(id -> id.equals(mention.openId())).orElse(true);
  }

  private static String resolveMentions(String text, List<Mention> mentions) {
    String resolved = text;
    for (Mention mention : mentions) {
      if (mention.name() != null) {
        resolved = resolved.replace(mention.key(), "@" + mention.name());
      }
    }
    return resolved;
  }

  /** The message's text: the {@code text} of a text message, the runs of a post joined. */
  static Optional<String> plainText(MessageReceived.Message message) {
    if (message.content() == null) {
      return Optional.empty();
    }
    try {
      return switch (message.messageType()) {
        case "text" -> Optional.ofNullable(textField(message.content()));
        case "post" -> Optional.of(postText(JSON.readTree(message.content())));
        default -> {
          JSON.readTree(
              message.content()); // content that is not JSON is malformed, whatever the type
          yield Optional.empty();
        }
      };
    } catch (IOException e) {
      throw new MalformedPayloadException("message content is not JSON", e);
    }
  }

  /**
   * What {@code readTree(content).path("text").textValue()} gives, read from the token stream: text
   * messages are most of what a bot receives, and a tree for one field is most of their cost. As
   * with the tree, the whole first JSON value must be well-formed, anything after it is ignored, a
   * later duplicate {@code text} wins, a null {@code text} reads as null, and any other non-string
   * {@code text} makes the message malformed. The usual content, plain ASCII with one {@code text},
   * is read by {@link TextContent} first, which answers only where these rules give the same.
   */
  private static String textField(String content) throws IOException {
    String strict = TextContent.strictText(content);
    if (strict != null) {
      return strict;
    }
    try (JsonParser parser = JSON.createParser(content)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        parser.skipChildren();
        return null;
      }
      String text = null;
      boolean notAString = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        boolean isText = "text".equals(parser.currentName());
        JsonToken value = parser.nextToken();
        if (isText) {
          text = value == JsonToken.VALUE_STRING ? parser.getText() : null;
          notAString = value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL;
        }
        parser.skipChildren();
      }
      if (notAString) {
        throw new MalformedPayloadException("text message's text is not a string");
      }
      return text;
    }
  }

  private static String postText(JsonNode content) {
    JsonNode paragraphs = content.path("content");
    if (!paragraphs.isArray()) {
      // Some clients wrap the post in a locale object: {"zh_cn":{"title":…,"content":[…]}}.
      for (JsonNode locale : content) {
        if (locale.path("content").isArray()) {
          paragraphs = locale.path("content");
          break;
        }
      }
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode paragraph : paragraphs) {
      for (JsonNode element : paragraph) {
        switch (element.path("tag").asText()) {
          case "text", "a" -> text.append(element.path("text").asText());
          case "at" -> text.append(element.path("user_id").asText()).append(' ');
          default -> {
            // images, emoji and media carry no command text
          }
        }
      }
      text.append('\n');
    }
    return text.toString();
  }
}
