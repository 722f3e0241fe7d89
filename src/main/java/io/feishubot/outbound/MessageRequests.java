package io.feishubot.outbound;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.feishubot.message.MessageContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON bodies of the IM message endpoints, written as bytes: the REST client's Jackson writer
 * re-reads the method's annotations on every call (5 % of a {@code /ping} in the profile), and a
 * generator needs no reflection in a native image. {@code content} is the message's JSON document
 * as a string, as the API demands.
 */
final class MessageRequests {

  private static final JsonFactory JSON = new JsonFactory();

  private MessageRequests() {}

  /** {@code im/v1/messages/{id}/reply}: {@code msg_type}, {@code content}, {@code uuid}. */
  static byte[] reply(MessageContent content, String uuid) {
    return write(content, null, uuid, true);
  }

  /** {@code im/v1/messages?receive_id_type=…}: {@code receive_id} and the reply's fields. */
  static byte[] send(String receiveId, MessageContent content, String uuid) {
    return write(content, receiveId, uuid, true);
  }

  /** {@code PATCH im/v1/messages/{id}}: the new {@code content} only. */
  static byte[] update(MessageContent content) {
    return write(content, null, null, false);
  }

  private static byte[] write(
      MessageContent content, String receiveId, String uuid, boolean withType) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(content.content().length() + 128);
    try (JsonGenerator json = JSON.createGenerator(bytes)) {
      json.writeStartObject();
      if (receiveId != null) {
        json.writeStringField("receive_id", receiveId);
      }
      if (withType) {
        json.writeStringField("msg_type", content.msgType());
      }
      json.writeStringField("content", content.content());
      if (uuid != null) {
        json.writeStringField("uuid", uuid);
      }
      json.writeEndObject();
    } catch (IOException e) {
      // Writing to memory: only a broken Jackson could fail here.
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
