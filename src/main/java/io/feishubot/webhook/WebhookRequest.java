package io.feishubot.webhook;

/**
 * One delivery as received: the body's exact bytes (signatures cover them, not a re-encoding) and
 * its headers.
 */
public record WebhookRequest(byte[] body, RequestHeaders headers) {}
