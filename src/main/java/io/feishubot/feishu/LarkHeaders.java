package io.feishubot.feishu;

/** Request header names Feishu sets on signed deliveries; HTTP treats them case-insensitively. */
public final class LarkHeaders {

  public static final String REQUEST_TIMESTAMP = "X-Lark-Request-Timestamp";
  public static final String REQUEST_NONCE = "X-Lark-Request-Nonce";
  public static final String SIGNATURE = "X-Lark-Signature";

  private LarkHeaders() {}
}
