package io.feishubot.message;

/** A language a {@link Message.Post} body is written in; the wire name is the content key. */
public enum PostLanguage {
  ZH_CN("zh_cn"),
  EN_US("en_us");

  private final String wireName;

  PostLanguage(String wireName) {
    this.wireName = wireName;
  }

  /** The key of this language's body in the post content, e.g. {@code zh_cn}. */
  public String wireName() {
    return wireName;
  }
}
