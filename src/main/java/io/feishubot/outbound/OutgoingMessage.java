package io.feishubot.outbound;

/**
 * A message as the IM API takes it: {@code msgType} such as {@code text}, and {@code content} the
 * JSON document for that type, already encoded as a string.
 */
public record OutgoingMessage(String msgType, String content) {}
