package io.feishubot.outbound;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One call of a configured command's endpoint.
 *
 * @param command the command's name, for log lines and failures (the URL never is)
 * @param url the endpoint; may carry a credential, so it is never logged or shown
 * @param secret the key of the request's signature; no signature header without one
 * @param timeout how long the endpoint may take to answer, body included
 * @param eventId the event's id, sent as {@code X-Feishu-Bot-Event-Id}
 * @param body the JSON request body
 */
public record CommandCall(
    String command,
    URI url,
    Optional<String> secret,
    Duration timeout,
    String eventId,
    String body) {

  public CommandCall {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(body, "body");
  }

  /** Without the URL, the secret and the body, so that the call can be logged. */
  @Override
  public String toString() {
    return "CommandCall[command=" + command + ", eventId=" + eventId + ", timeout=" + timeout + "]";
  }
}
