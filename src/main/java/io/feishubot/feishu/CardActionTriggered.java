package io.feishubot.feishu;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code card.action.trigger}: somebody acted on an interactive card (schema 2.0 callback). It is
 * answered in the HTTP response; Feishu does not redeliver callbacks.
 *
 * @param operator who acted
 * @param operatorTenantKey the operator's tenant; may be null
 * @param token the card-update credential ({@code c-…}) for a delayed update; may be null
 * @param action what was done
 * @param openMessageId the card's message, {@code om_…}; may be null (link previews)
 * @param openChatId the card's chat, {@code oc_…}; may be null
 */
public record CardActionTriggered(
    UserIds operator,
    String operatorTenantKey,
    String token,
    Action action,
    String openMessageId,
    String openChatId)
    implements FeishuEvent {

  public static final String EVENT_TYPE = "card.action.trigger";

  public CardActionTriggered {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(action, "action");
  }

  @Override
  public String eventType() {
    return EVENT_TYPE;
  }

  /**
   * The component's answer. {@code value} is what the card put on the component (for our buttons:
   * {@code action} and its arguments); the rest depend on the component and are null or empty when
   * it has none.
   */
  public record Action(
      Map<String, Object> value,
      String tag,
      String name,
      Map<String, Object> formValue,
      String inputValue,
      String option,
      List<String> options,
      Boolean checked) {

    public Action {
      value = value == null ? Map.of() : value;
      formValue = formValue == null ? Map.of() : formValue;
      options = options == null ? List.of() : List.copyOf(options);
    }
  }
}
