package io.feishubot.feishu;

/** Outcome of checking {@code X-Lark-Request-Timestamp} against a replay window. */
public enum TimestampCheck {
  FRESH,
  MISSING,
  UNPARSEABLE,
  TOO_OLD,
  TOO_FAR_IN_FUTURE
}
