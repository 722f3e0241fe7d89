package io.feishubot.webhook;

/** Case-insensitive access to request headers, whatever the runtime delivered them as. */
@FunctionalInterface
public interface RequestHeaders {

  /** The first value of {@code name}, or {@code null}. */
  String first(String name);
}
