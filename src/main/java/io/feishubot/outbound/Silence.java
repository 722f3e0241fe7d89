package io.feishubot.outbound;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A silence to create through Alertmanager's API ({@code POST /api/v2/silences}): alerts matching
 * every matcher (equality, not regex) are muted from {@code startsAt} to {@code endsAt}.
 */
public record Silence(
    List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {

  public Silence {
    Objects.requireNonNull(matchers, "matchers");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(comment, "comment");
    matchers = List.copyOf(matchers);
    if (matchers.isEmpty()) {
      // Alertmanager refuses it too; a silence without matchers would mute everything.
      throw new IllegalArgumentException("a silence needs at least one matcher");
    }
    if (!endsAt.isAfter(startsAt)) {
      throw new IllegalArgumentException("a silence must end after it starts");
    }
  }

  /** {@code name="value"}. */
  public record Matcher(String name, String value) {
    public Matcher {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }
}
