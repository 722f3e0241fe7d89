package io.feishubot.feishu;

/** Event envelope generation: 1.0 is flat with {@code event.type}, 2.0 has a {@code header}. */
public enum Schema {
  V1,
  V2
}
