package io.feishubot.message;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * What a card action answers in the callback's HTTP response, within Feishu's 3 s: a toast for the
 * person who acted, a card that replaces the one acted on for everyone (cards are shared), both, or
 * neither (the card stays as it is).
 */
public record CardAnswer(Optional<Toast> toast, Optional<Card> card) {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final CardAnswer NOTHING = new CardAnswer(Optional.empty(), Optional.empty());

  public CardAnswer {
    Objects.requireNonNull(toast, "toast");
    Objects.requireNonNull(card, "card");
  }

  /** The card stays as it is. */
  public static CardAnswer nothing() {
    return NOTHING;
  }

  public static CardAnswer of(Toast toast) {
    return new CardAnswer(Optional.of(toast), Optional.empty());
  }

  public static CardAnswer of(Card card) {
    return new CardAnswer(Optional.empty(), Optional.of(card));
  }

  public static CardAnswer of(Toast toast, Card card) {
    return new CardAnswer(Optional.of(toast), Optional.of(card));
  }

  /**
   * The answer to a {@code card.action.trigger} callback: {@code {"toast":{…},"card":{"type":"raw",
   * "data":{…}}}}, each key only when present ({@code {}} keeps the card).
   */
  public String toCallbackJson() {
    ObjectNode json = NODES.objectNode();
    toast.ifPresent(t -> json.set("toast", toast(t)));
    card.ifPresent(c -> json.putObject("card").put("type", "raw").set("data", c.toJson()));
    return json.toString();
  }

  /**
   * The answer to a legacy {@code card.action.trigger_v1} callback, in its own shape: the toast,
   * and the card's document at the top level rather than wrapped.
   */
  public String toLegacyCallbackJson() {
    ObjectNode json = card.map(Card::toJson).orElseGet(NODES::objectNode);
    toast.ifPresent(t -> json.set("toast", toast(t)));
    return json.toString();
  }

  private static ObjectNode toast(Toast toast) {
    ObjectNode json =
        NODES.objectNode().put("type", toast.kind().wireName()).put("content", toast.content());
    if (!toast.i18n().isEmpty()) {
      ObjectNode i18n = json.putObject("i18n");
      toast.i18n().forEach(i18n::put);
    }
    return json;
  }
}
