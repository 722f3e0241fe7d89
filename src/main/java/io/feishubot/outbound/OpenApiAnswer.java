package io.feishubot.outbound;

/** The envelope every Open API answer shares: {@code code} 0 is success, anything else is not. */
public interface OpenApiAnswer {
  int code();

  String msg();
}
