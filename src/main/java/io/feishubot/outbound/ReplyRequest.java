package io.feishubot.outbound;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code im/v1/messages/{id}/reply}. {@code content} is a JSON document encoded as a
 * string, as the API demands; {@code uuid} makes a resend of the same reply a no-op for an hour.
 */
public record ReplyRequest(
    @JsonProperty("msg_type") String msgType,
    String content,
    @JsonProperty("reply_in_thread") boolean replyInThread,
    String uuid) {}
