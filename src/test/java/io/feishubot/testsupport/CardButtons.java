package io.feishubot.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads the buttons of a Card JSON 2.0 card, as a test presses them. */
public final class CardButtons {

  private CardButtons() {}

  /** The callback values of the card's buttons, in order: {@code {"action":…,…arguments}}. */
  public static List<JsonNode> callbackValues(JsonNode card) {
    return behaviors(card, "callback").stream().map(behavior -> behavior.path("value")).toList();
  }

  /** The URLs the card's buttons open, in order. */
  public static List<String> links(JsonNode card) {
    return behaviors(card, "open_url").stream()
        .map(behavior -> behavior.path("default_url").asText())
        .toList();
  }

  /**
   * The callback value of the card's one button for {@code action} whose arguments include {@code
   * namesAndValues} (name, value, name, value, …).
   */
  public static JsonNode value(JsonNode card, String action, String... namesAndValues) {
    List<JsonNode> matching =
        callbackValues(card).stream()
            .filter(value -> action.equals(value.path("action").asText()))
            .filter(
                value -> {
                  for (int i = 0; i < namesAndValues.length; i += 2) {
                    if (!namesAndValues[i + 1].equals(value.path(namesAndValues[i]).asText())) {
                      return false;
                    }
                  }
                  return true;
                })
            .toList();
    assertThat(matching).as("a button for %s %s", action, List.of(namesAndValues)).hasSize(1);
    return matching.get(0);
  }

  private static List<JsonNode> behaviors(JsonNode card, String type) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode behaviors : card.findValues("behaviors")) {
      for (JsonNode behavior : behaviors) {
        if (type.equals(behavior.path("type").asText())) {
          found.add(behavior);
        }
      }
    }
    return found;
  }
}
