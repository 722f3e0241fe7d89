package io.feishubot.outbound;

/**
 * What a custom bot's hook answers: {@code code} 0 is success, anything else is not, even with HTTP
 * 200 (the legacy {@code StatusCode} and {@code StatusMessage} fields are ignored).
 */
record CustomBotAnswer(int code, String msg) implements OpenApiAnswer {}
