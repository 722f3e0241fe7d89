package io.feishubot.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Card JSON 2.0 card, sent as {@code interactive}. Always a shared card ({@code update_multi}):
 * 2.0 supports nothing else, and only shared cards can be updated after a click. Build one with
 * {@link #builder()}.
 */
public record Card(Optional<Header> header, List<CardElement> elements) implements Message {

  /** Card JSON 2.0 refuses cards with more components than this (nested ones included). */
  public static final int MAX_ELEMENTS = 200;

  public Card {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(elements, "elements");
    elements = List.copyOf(elements);
    int count = CardElement.count(elements);
    if (count > MAX_ELEMENTS) {
      throw new IllegalArgumentException(
          "a card holds at most "
              + MAX_ELEMENTS
              + " elements (Card JSON 2.0), counting those inside columns; this one has "
              + count);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A mention inside a card's markdown, {@code <at id=ou_…></at>}: cards spell it differently from
   * text messages ({@link Message.Text#mention}). Only id characters are kept, so an id taken from
   * input cannot close the tag.
   */
  public static String mention(String openId) {
    Objects.requireNonNull(openId, "openId");
    return "<at id=" + openId.replaceAll("[^A-Za-z0-9_-]", "") + "></at>";
  }

  /** The card document: {@code {"schema":"2.0","config":{"update_multi":true},…}}. */
  public ObjectNode toJson() {
    return CardJson.card(this);
  }

  /** The coloured title bar. */
  public record Header(String title, Optional<String> subtitle, HeaderColor color) {
    public Header {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(subtitle, "subtitle");
      Objects.requireNonNull(color, "color");
    }
  }

  /** Header colour templates; the wire name is the lower-case constant name. */
  public enum HeaderColor {
    BLUE,
    WATHET,
    TURQUOISE,
    GREEN,
    YELLOW,
    ORANGE,
    RED,
    CARMINE,
    VIOLET,
    PURPLE,
    INDIGO,
    GREY,
    DEFAULT;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Button styles; the wire name ({@code type}) is the lower-case constant name. */
  public enum ButtonStyle {
    DEFAULT,
    PRIMARY,
    DANGER;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A label and value shown side by side with others, two per row. */
  public record Field(String label, String value) {
    public Field {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A button that calls back the bot (its {@code action} and {@code arguments} arrive as the
   * callback's {@code value}) or opens a URL, or both. The callback value is {@code
   * {"action":…,…arguments}}, so an argument named {@code action} would overwrite the action and is
   * refused.
   */
  public record Button(
      String label,
      ButtonStyle style,
      Optional<String> action,
      Map<String, String> arguments,
      Optional<String> url)
      implements CardElement {

    public Button {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(style, "style");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(arguments, "arguments");
      Objects.requireNonNull(url, "url");
      if (action.isEmpty() && url.isEmpty()) {
        throw new IllegalArgumentException("button '" + label + "' needs an action or a url");
      }
      if (action.isEmpty() && !arguments.isEmpty()) {
        throw new IllegalArgumentException("button '" + label + "' has arguments but no action");
      }
      if (arguments.containsKey("action")) {
        throw new IllegalArgumentException(
            "button '" + label + "': 'action' is reserved for the action name, not an argument");
      }
      arguments.forEach(
          (name, value) -> {
            Objects.requireNonNull(name, "argument name");
            Objects.requireNonNull(value, () -> "argument " + name);
          });
      // LinkedHashMap, not Map.copyOf: the callback value keeps the caller's order.
      arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /** Calls back with {@code {"action":action,…arguments}}. */
    public static Button callback(
        String label, ButtonStyle style, String action, Map<String, String> arguments) {
      Objects.requireNonNull(action, "action");
      return new Button(label, style, Optional.of(action), arguments, Optional.empty());
    }

    /** Opens {@code url}; no callback. */
    public static Button link(String label, String url) {
      Objects.requireNonNull(url, "url");
      return new Button(label, ButtonStyle.DEFAULT, Optional.empty(), Map.of(), Optional.of(url));
    }
  }

  /** Builds a card top to bottom; each call appends one block. Not thread-safe. */
  public static final class Builder {
    private Header header;
    private final List<CardElement> elements = new ArrayList<>();

    private Builder() {}

    public Builder header(String title, HeaderColor color) {
      header = new Header(title, Optional.empty(), color);
      return this;
    }

    /** A smaller second line under the header title; call after {@link #header}. */
    public Builder subtitle(String subtitle) {
      Objects.requireNonNull(subtitle, "subtitle");
      if (header == null) {
        throw new IllegalStateException("set the header before its subtitle");
      }
      header = new Header(header.title(), Optional.of(subtitle), header.color());
      return this;
    }

    /** Feishu card markdown ({@code **bold**}, links, {@code <at id=ou_…></at>}). */
    public Builder markdown(String markdown) {
      return add(new CardElement.Markdown(markdown));
    }

    public Builder divider() {
      return add(new CardElement.Divider());
    }

    /** Fields two per row, each as markdown {@code **label**\nvalue}. */
    public Builder fields(List<Field> fields) {
      Objects.requireNonNull(fields, "fields");
      for (int i = 0; i < fields.size(); i += 2) {
        List<CardElement.Column> row = new ArrayList<>(2);
        for (Field field : fields.subList(i, Math.min(i + 2, fields.size()))) {
          Objects.requireNonNull(field, "field");
          String markdown = "**" + field.label() + "**\n" + field.value();
          row.add(CardElement.Column.weighted(List.of(new CardElement.Markdown(markdown))));
        }
        add(new CardElement.ColumnSet(row));
      }
      return this;
    }

    /** Side-by-side columns of equal width, each holding the given elements. */
    public Builder columns(List<List<CardElement>> columns) {
      Objects.requireNonNull(columns, "columns");
      return add(
          new CardElement.ColumnSet(columns.stream().map(CardElement.Column::weighted).toList()));
    }

    /**
     * A row of buttons: 2.0 has no {@code action} module, so the row is a column set with one
     * auto-width column per button.
     */
    public Builder buttons(Button... buttons) {
      Objects.requireNonNull(buttons, "buttons");
      return add(
          new CardElement.ColumnSet(
              Arrays.stream(buttons)
                  .map(button -> CardElement.Column.auto(List.of(button)))
                  .toList()));
    }

    /** Any element, for what the shortcuts above do not cover. */
    public Builder add(CardElement element) {
      elements.add(Objects.requireNonNull(element, "element"));
      return this;
    }

    /**
     * @throws IllegalArgumentException over {@link Card#MAX_ELEMENTS} elements
     */
    public Card build() {
      return new Card(Optional.ofNullable(header), elements);
    }
  }
}
