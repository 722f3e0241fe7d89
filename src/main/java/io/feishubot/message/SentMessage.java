package io.feishubot.message;

/**
 * A message the bot posted: its id ({@code om_…}) is what a later update names.
 *
 * @param messageId null when the sender could not learn it (a dry run)
 */
public record SentMessage(String messageId) {}
