package io.feishubot.message;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders a {@link Card} as a Card JSON 2.0 tree; trees, not reflection, keep this portable. */
final class CardJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CardJson() {}

  static ObjectNode card(Card card) {
    ObjectNode json = NODES.objectNode().put("schema", "2.0");
    // 2.0 supports shared cards only, and only shared cards can be updated (PATCH) later.
    json.putObject("config").put("update_multi", true);
    card.header().ifPresent(header -> json.set("header", header(header)));
    ArrayNode elements = json.putObject("body").putArray("elements");
    card.elements().forEach(element -> elements.add(element(element)));
    return json;
  }

  private static ObjectNode header(Card.Header header) {
    ObjectNode json = NODES.objectNode();
    json.set("title", plainText(header.title()));
    header.subtitle().ifPresent(subtitle -> json.set("subtitle", plainText(subtitle)));
    return json.put("template", header.color().wireName());
  }

  static ObjectNode element(CardElement element) {
    return switch (element) {
      case CardElement.Markdown markdown ->
          NODES.objectNode().put("tag", "markdown").put("content", markdown.content());
      case CardElement.Divider divider -> NODES.objectNode().put("tag", "hr");
      case CardElement.ColumnSet set -> columnSet(set);
      case Card.Button button -> button(button);
    };
  }

  private static ObjectNode columnSet(CardElement.ColumnSet set) {
    ObjectNode json = NODES.objectNode().put("tag", "column_set");
    ArrayNode columns = json.putArray("columns");
    for (CardElement.Column column : set.columns()) {
      ObjectNode columnJson = columns.addObject().put("tag", "column");
      switch (column.width()) {
        case AUTO -> columnJson.put("width", "auto");
        case WEIGHTED -> columnJson.put("width", "weighted").put("weight", 1);
      }
      ArrayNode elements = columnJson.putArray("elements");
      column.elements().forEach(element -> elements.add(element(element)));
    }
    return json;
  }

  private static ObjectNode button(Card.Button button) {
    ObjectNode json = NODES.objectNode().put("tag", "button");
    json.set("text", plainText(button.label()));
    json.put("type", button.style().wireName());
    ArrayNode behaviors = json.putArray("behaviors");
    button
        .action()
        .ifPresent(
            action -> {
              ObjectNode value = behaviors.addObject().put("type", "callback").putObject("value");
              value.put("action", action);
              button.arguments().forEach(value::put);
            });
    button
        .url()
        .ifPresent(url -> behaviors.addObject().put("type", "open_url").put("default_url", url));
    return json;
  }

  private static ObjectNode plainText(String content) {
    return NODES.objectNode().put("tag", "plain_text").put("content", content);
  }
}
