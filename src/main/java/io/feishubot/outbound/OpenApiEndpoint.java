package io.feishubot.outbound;

/**
 * The Feishu endpoints the bot calls: the three IM message endpoints share one fault-tolerance
 * policy ({@link MessageEndpoint}), the token endpoint and a group's custom bot each have their
 * own. Each is the {@code endpoint} tag of the outbound metrics (so the tag has exactly these
 * values).
 */
public enum OpenApiEndpoint {
  REPLY("reply"),
  SEND("send"),
  UPDATE("update"),
  TENANT_TOKEN("tenant_token"),
  /** A group custom bot's hook ({@link CustomBotEndpoint}); not an Open API call, same answers. */
  CUSTOM_BOT("custom_bot");

  private final String tag;

  OpenApiEndpoint(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }
}
