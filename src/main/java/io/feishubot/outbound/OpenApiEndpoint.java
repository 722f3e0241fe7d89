package io.feishubot.outbound;

/**
 * The Open API endpoints the bot calls. Each has its own circuit breaker and bulkhead, and is the
 * {@code endpoint} tag of the outbound metrics (so the tag has exactly these values).
 */
public enum OpenApiEndpoint {
  REPLY("reply"),
  TENANT_TOKEN("tenant_token");

  private final String tag;

  OpenApiEndpoint(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }
}
