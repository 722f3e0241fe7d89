package io.feishubot.feishu;

/** The shapes a request body can take once it is known to be JSON from Feishu. */
public sealed interface Envelope
    permits EncryptedEnvelope, UrlVerification, EventCallback, LegacyCardCallback {}
