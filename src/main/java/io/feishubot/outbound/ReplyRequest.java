package io.feishubot.outbound;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code im/v1/messages/{id}/reply}. {@code content} is a JSON document encoded as a
 * string, as the API demands; {@code uuid} makes a resend of the same reply a no-op for an hour.
 */
@RegisterForReflection
public record ReplyRequest(
    @JsonProperty("msg_type") String msgType,
    String content,
    @JsonProperty("reply_in_thread") boolean replyInThread,
    String uuid) {

  private static final ObjectWriter JSON = new ObjectMapper().writerFor(ReplyRequest.class);

  /** This request as the JSON body the endpoint takes (see {@link FeishuOpenApi#reply}). */
  byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      // Four plain fields: only a broken Jackson could fail here.
      throw new IllegalStateException("could not write a reply request", e);
    }
  }
}
