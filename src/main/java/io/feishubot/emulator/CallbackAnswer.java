package io.feishubot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * What the bot's answer to a {@code card.action.trigger} callback does in Feishu's client: an
 * optional toast, and an optional new card that replaces the pressed one ({@code {}} leaves both
 * alone). Answers the client would refuse become the error toast it would show, with its code.
 *
 * @param toast {@code {"type":…,"content":…}} to show, if any
 * @param card the new card's content document, if the card is replaced
 * @param note one line for the page on what happened to the card
 */
record CallbackAnswer(Optional<ObjectNode> toast, Optional<String> card, String note) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> TOAST_TYPES = Set.of("info", "success", "warning", "error");

  /**
   * Reads the answer ({@code status}, {@code body}) to a press on a card whose content was {@code
   * pressedCard}.
   */
  static CallbackAnswer read(int status, String body, String pressedCard) {
    if (status != 200) {
      return refused(200671, "the bot answered HTTP " + status);
    }
    JsonNode answer = parse(body);
    if (answer == null || !answer.isObject()) {
      return refused(200672, "the answer is not a JSON object");
    }
    Optional<ObjectNode> toast = toast(answer.get("toast"));
    JsonNode card = answer.get("card");
    if (card == null || card.isNull()) {
      return new CallbackAnswer(
          toast, Optional.empty(), "the answer has no card: the card stays as it was");
    }
    String type = card.path("type").asText("");
    JsonNode data = card.get("data");
    if (data == null || !data.isObject() || !Set.of("raw", "template").contains(type)) {
      return refused(200673, "card must be {\"type\":\"raw\"|\"template\",\"data\":{…}}");
    }
    if ("template".equals(type)) {
      ObjectNode template = NODES.objectNode().put("type", "template");
      template.set("data", data);
      return new CallbackAnswer(toast, Optional.of(template.toString()), "card replaced");
    }
    if (isCard2(parse(pressedCard)) && !isCard2(data)) {
      return refused(200830, "a JSON 2.0 card cannot be updated to a 1.0 card");
    }
    return new CallbackAnswer(toast, Optional.of(data.toString()), "card replaced");
  }

  private static Optional<ObjectNode> toast(JsonNode toast) {
    if (toast == null || !toast.isObject()) {
      return Optional.empty();
    }
    String type = toast.path("type").asText("info");
    String content = toast.path("content").asText("");
    if (content.isEmpty()) {
      JsonNode i18n = toast.path("i18n");
      content = i18n.path("en_us").asText(i18n.path("zh_cn").asText(""));
    }
    return Optional.of(
        NODES
            .objectNode()
            .put("type", TOAST_TYPES.contains(type) ? type : "info")
            .put("content", content));
  }

  private static CallbackAnswer refused(int code, String why) {
    ObjectNode toast =
        NODES.objectNode().put("type", "error").put("content", "Error " + code + ": " + why);
    return new CallbackAnswer(Optional.of(toast), Optional.empty(), "card unchanged (" + why + ")");
  }

  private static boolean isCard2(JsonNode card) {
    return card != null && "2.0".equals(card.path("schema").asText());
  }

  private static JsonNode parse(String text) {
    try {
      return text == null ? null : JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }
}
