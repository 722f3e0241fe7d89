/**
 * Commands without Java: {@code feishu.commands.<name>.url} maps a chat command to an HTTP endpoint
 * that the bot calls, signed, as a deferred job, and whose answer it posts in the thread.
 */
package io.feishubot.commands;
