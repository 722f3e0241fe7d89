package io.feishubot.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a handler answers or a sender sends: the one message model every sender shares, so a handler
 * never builds Feishu JSON and every kind is rendered (and size-checked) in one place, {@link
 * MessageContent#of(Message)}. Sealed, so a new kind does not compile until every consumer's {@code
 * switch} handles it.
 */
public sealed interface Message
    permits Message.Text, Message.Post, Card, Message.Template, Message.Verbatim, Message.None {

  /** Plain text; may contain mentions built with {@link Text#mention(String)}. */
  static Text text(String text) {
    return new Text(text);
  }

  /** "No reply": senders send nothing. */
  static None none() {
    return None.INSTANCE;
  }

  /** A {@code text} message. Mentions are inline {@code <at>} tags inside the text. */
  record Text(String text) implements Message {

    public Text {
      Objects.requireNonNull(text, "text");
    }

    /**
     * {@code <at user_id="ou_…"></at>}. The id is escaped as an XML attribute value so an id taken
     * from input cannot close the attribute and smuggle in another tag (an @all, say).
     */
    public static String mention(String openId) {
      Objects.requireNonNull(openId, "openId");
      return "<at user_id=\"" + escapeAttribute(openId) + "\"></at>";
    }

    /** {@code <at user_id="all"></at>}: mentions everyone in the group. */
    public static String mentionAll() {
      return "<at user_id=\"all\"></at>";
    }

    private static String escapeAttribute(String value) {
      StringBuilder escaped = new StringBuilder(value.length());
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        switch (c) {
          case '&' -> escaped.append("&amp;");
          case '"' -> escaped.append("&quot;");
          case '\'' -> escaped.append("&#39;");
          case '<' -> escaped.append("&lt;");
          case '>' -> escaped.append("&gt;");
          default -> escaped.append(c);
        }
      }
      return escaped.toString();
    }
  }

  /**
   * A rich-text {@code post}: one body per language, each a title and paragraphs of elements.
   * Feishu shows the body matching the reader's language, so at most one body per language.
   */
  record Post(List<PostBody> bodies) implements Message {

    public Post {
      Objects.requireNonNull(bodies, "bodies");
      bodies = List.copyOf(bodies);
      if (bodies.isEmpty()) {
        throw new IllegalArgumentException("a post needs at least one language body");
      }
      if (bodies.stream().map(PostBody::language).distinct().count() != bodies.size()) {
        throw new IllegalArgumentException("a post has at most one body per language");
      }
    }

    /** A post in {@code zh_cn}, the language Feishu falls back to. */
    public static Post of(String title, List<List<PostElement>> paragraphs) {
      return new Post(List.of(new PostBody(PostLanguage.ZH_CN, title, paragraphs)));
    }

    /** This post with an {@code en_us} body added. */
    public Post withEnglish(String title, List<List<PostElement>> paragraphs) {
      List<PostBody> more = new ArrayList<>(bodies);
      more.add(new PostBody(PostLanguage.EN_US, title, paragraphs));
      return new Post(more);
    }
  }

  /**
   * A card built from a template in the Feishu card builder ({@code ctp_…}), sent as {@code
   * interactive}. {@code versionName} is nullable: without it Feishu uses the latest published
   * version. Variable values may be strings, numbers, booleans, null, lists, maps or Jackson nodes;
   * anything else is refused when rendered, because it would need reflection to serialize.
   */
  record Template(String templateId, String versionName, Map<String, Object> variables)
      implements Message {

    public Template {
      Objects.requireNonNull(templateId, "templateId");
      Objects.requireNonNull(variables, "variables");
      if (templateId.isBlank()) {
        throw new IllegalArgumentException("templateId is blank");
      }
      variables.keySet().forEach(key -> Objects.requireNonNull(key, "variable name"));
      // LinkedHashMap, not Map.copyOf: keeps the caller's order and allows null values.
      variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /** A template at its latest published version. */
    public static Template of(String templateId, Map<String, Object> variables) {
      return new Template(templateId, null, variables);
    }
  }

  /**
   * A post or card whose content document was written outside the bot, by a configured command's
   * endpoint ({@link MessageJson#read}), and is sent as written: only its type and size are
   * checked, when it is rendered. Handlers build messages with the other kinds.
   *
   * @param msgType {@code post} or {@code interactive}
   * @param content the content document, a JSON object as text
   */
  record Verbatim(String msgType, String content) implements Message {

    public Verbatim {
      Objects.requireNonNull(msgType, "msgType");
      Objects.requireNonNull(content, "content");
      if (!msgType.equals("post") && !msgType.equals("interactive")) {
        throw new IllegalArgumentException("a verbatim message is a post or interactive");
      }
    }

    /** Sizes only: the content may hold user data. */
    @Override
    public String toString() {
      return "Verbatim[" + msgType + ", " + content.length() + " chars]";
    }
  }

  /** "No reply": there is nothing to render, and senders send nothing. */
  record None() implements Message {
    private static final None INSTANCE = new None();
  }
}
