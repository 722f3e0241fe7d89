package io.feishubot.outbound;

/**
 * The Open API endpoints the bot calls: the three IM message endpoints share one fault-tolerance
 * policy ({@link MessageEndpoint}), the token endpoint has its own. Each is the {@code endpoint}
 * tag of the outbound metrics (so the tag has exactly these values).
 */
public enum OpenApiEndpoint {
  REPLY("reply"),
  SEND("send"),
  UPDATE("update"),
  TENANT_TOKEN("tenant_token");

  private final String tag;

  OpenApiEndpoint(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }
}
