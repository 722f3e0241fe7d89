package io.feishubot.feishu;

/** The three ids Feishu gives a user; any may be null (user_id needs its own scope). */
public record UserIds(String openId, String userId, String unionId) {

  static final UserIds NONE = new UserIds(null, null, null);
}
