package io.feishubot.message;

import java.util.List;
import java.util.Objects;

/**
 * A component in a card body. Sealed so {@link CardJson} renders every kind or fails to compile.
 */
public sealed interface CardElement
    permits CardElement.Markdown, CardElement.Divider, CardElement.ColumnSet, Card.Button {

  static Markdown markdown(String content) {
    return new Markdown(content);
  }

  static Divider divider() {
    return new Divider();
  }

  /** {@code {"tag":"markdown","content":…}}. */
  record Markdown(String content) implements CardElement {
    public Markdown {
      Objects.requireNonNull(content, "content");
    }
  }

  /** {@code {"tag":"hr"}}. */
  record Divider() implements CardElement {}

  /** Columns side by side: {@code column_set}, the 2.0 way to lay out fields and buttons. */
  record ColumnSet(List<Column> columns) implements CardElement {
    public ColumnSet {
      Objects.requireNonNull(columns, "columns");
      columns = List.copyOf(columns);
      if (columns.isEmpty()) {
        throw new IllegalArgumentException("a column set needs at least one column");
      }
    }
  }

  /** One column of a {@link ColumnSet}; not an element on its own. */
  record Column(Width width, List<CardElement> elements) {
    public Column {
      Objects.requireNonNull(width, "width");
      Objects.requireNonNull(elements, "elements");
      elements = List.copyOf(elements);
    }

    public static Column weighted(List<CardElement> elements) {
      return new Column(Width.WEIGHTED, elements);
    }

    public static Column auto(List<CardElement> elements) {
      return new Column(Width.AUTO, elements);
    }
  }

  /** {@code AUTO}: as wide as the content; {@code WEIGHTED}: an equal share of the rest. */
  enum Width {
    AUTO,
    WEIGHTED
  }

  /**
   * Components as Feishu's 200 limit counts them, as far as we can tell: every element, and every
   * column and element inside a column set. Counting columns too may refuse a card Feishu would
   * take, but never lets through one it refuses.
   */
  static int count(List<CardElement> elements) {
    int count = 0;
    for (CardElement element : elements) {
      count +=
          switch (element) {
            case ColumnSet set ->
                1 + set.columns().stream().mapToInt(column -> 1 + count(column.elements())).sum();
            case Markdown markdown -> 1;
            case Divider divider -> 1;
            case Card.Button button -> 1;
          };
    }
    return count;
  }
}
