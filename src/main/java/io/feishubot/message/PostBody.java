package io.feishubot.message;

import java.util.List;
import java.util.Objects;

/** One language's version of a {@link Message.Post}: a title and paragraphs of elements. */
public record PostBody(PostLanguage language, String title, List<List<PostElement>> paragraphs) {

  public PostBody {
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(paragraphs, "paragraphs");
    paragraphs =
        paragraphs.stream()
            .map(paragraph -> List.copyOf(Objects.requireNonNull(paragraph, "paragraph")))
            .toList();
  }
}
