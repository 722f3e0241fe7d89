package io.feishubot.router;

/** Everything a handler may need about the message that invoked it. */
public record CommandContext(
    CommandLine command,
    String eventId,
    String messageId,
    String chatId,
    String chatType,
    String senderOpenId) {}
