package io.feishubot.message;

import java.util.Objects;

/** An inline element of a post paragraph: {@code text}, {@code a} (link) or {@code at}. */
public sealed interface PostElement permits PostElement.Text, PostElement.Link, PostElement.At {

  static Text text(String text) {
    return new Text(text);
  }

  static Link link(String text, String href) {
    return new Link(text, href);
  }

  static At at(String userId) {
    return new At(userId);
  }

  /** Plain text, shown as written (no markup). */
  record Text(String text) implements PostElement {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /** A hyperlink: {@code {"tag":"a","text":…,"href":…}}. */
  record Link(String text, String href) implements PostElement {
    public Link {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(href, "href");
    }
  }

  /** A mention of a user by open_id, or {@code all}. */
  record At(String userId) implements PostElement {
    public At {
      Objects.requireNonNull(userId, "userId");
    }
  }
}
