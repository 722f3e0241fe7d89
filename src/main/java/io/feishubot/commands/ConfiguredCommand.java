package io.feishubot.commands;

import io.feishubot.message.Message;
import io.feishubot.message.MessageContent;
import io.feishubot.message.MessageJson;
import io.feishubot.message.MessageTooLargeException;
import io.feishubot.outbound.CommandAnswer;
import io.feishubot.outbound.CommandCall;
import io.feishubot.outbound.CommandCallException;
import io.feishubot.outbound.CommandEndpoints;
import io.feishubot.router.Access;
import io.feishubot.router.CommandContext;
import io.feishubot.router.CommandFailedException;
import io.feishubot.router.CommandHandler;
import io.feishubot.router.CommandLineParser;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A command defined by {@code feishu.commands.<name>.url}: POSTs the command to that endpoint as a
 * deferred job and replies with its answer, text or a message in the IM API's shape. Every failure
 * becomes a short reply naming the command and what went wrong, never the URL or the secret.
 */
final class ConfiguredCommand implements CommandHandler {

  private static final Logger LOG = Logger.getLogger(ConfiguredCommand.class);

  /** Where and how the command calls its endpoint. */
  record Endpoint(URI url, Optional<String> secret, Duration timeout) {
    Endpoint {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(secret, "secret");
      Objects.requireNonNull(timeout, "timeout");
    }

    /** Without the URL and the secret. */
    @Override
    public String toString() {
      return "Endpoint[timeout=" + timeout + ", signed=" + secret.isPresent() + "]";
    }
  }

  private final String name;
  private final String description;
  private final Endpoint endpoint;
  private final Access access;
  private final CommandEndpoints endpoints;
  private final CommandLineParser parser;

  ConfiguredCommand(
      String name,
      String description,
      Endpoint endpoint,
      Access access,
      CommandEndpoints endpoints,
      CommandLineParser parser) {
    this.name = Objects.requireNonNull(name, "name");
    this.description = Objects.requireNonNull(description, "description");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.access = Objects.requireNonNull(access, "access");
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.parser = Objects.requireNonNull(parser, "parser");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  /** An endpoint may take seconds to minutes: always a job, never inside Feishu's 3 s. */
  @Override
  public boolean deferred() {
    return true;
  }

  @Override
  public Optional<Duration> jobTimeout() {
    return Optional.of(endpoint.timeout());
  }

  @Override
  public Access access() {
    return access;
  }

  @Override
  public Message handle(CommandContext context) {
    String text = parser.commandText(context.message()).orElseGet(() -> typed(context));
    CommandCall call =
        new CommandCall(
            name,
            endpoint.url(),
            endpoint.secret(),
            endpoint.timeout(),
            context.eventId(),
            CommandRequestJson.body(context, text));
    long started = System.nanoTime();
    try {
      CommandAnswer answer = endpoints.call(call);
      Message reply = reply(answer);
      LOG.infof(
          "command /%s (event %s): the endpoint answered HTTP %d in %d ms",
          name, context.eventId(), answer.status(), millisSince(started));
      return reply;
    } catch (CommandCallException failure) {
      LOG.warnf(
          "command /%s (event %s): %s after %d ms",
          name, context.eventId(), logged(failure), millisSince(started));
      throw failed(explained(failure), logged(failure));
    } catch (UnreadableAnswer unreadable) {
      LOG.warnf(
          "command /%s (event %s): the endpoint's answer could not be read: %s",
          name, context.eventId(), unreadable.getMessage());
      throw failed(
          "the endpoint's answer could not be read (" + unreadable.shown + ").",
          "unreadable answer");
    } catch (MessageTooLargeException tooLarge) {
      LOG.warnf(
          "command /%s (event %s): the endpoint's answer is too large to post: %s",
          name, context.eventId(), tooLarge.getMessage());
      throw failed("the endpoint's answer is too large to post.", "answer too large");
    }
  }

  /** A failure in words: posted as the reply, and the job counted as failed. */
  private CommandFailedException failed(String explanation, String reason) {
    return new CommandFailedException(Message.text("/" + name + " failed: " + explanation), reason);
  }

  /**
   * The message to post: {@code text/plain} as text, {@code application/json} in the IM API's
   * shape, 204 as nothing. Rendered here once so that a message over Feishu's size limit fails with
   * a reply naming the command rather than when it is sent.
   */
  private static Message reply(CommandAnswer answer) {
    if (answer.status() == 204) {
      return Message.none();
    }
    String mediaType = answer.mediaType().orElse("");
    Message message;
    if (mediaType.equals("text/plain")) {
      if (answer.body().isBlank()) {
        // Feishu refuses an empty text message; 204 is the way to post nothing.
        throw new UnreadableAnswer("empty text", "empty text; answer 204 to post nothing");
      }
      message = Message.text(answer.body());
    } else if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
      try {
        message = MessageJson.read(answer.body());
      } catch (IllegalArgumentException notAMessage) {
        throw new UnreadableAnswer(notAMessage.getMessage(), "not a message in JSON");
      }
    } else {
      String shown = mediaType.isEmpty() ? "no content type" : "content type " + mediaType;
      throw new UnreadableAnswer(shown, shown + "; expected text/plain or application/json");
    }
    MessageContent.of(message);
    return message;
  }

  private String explained(CommandCallException failure) {
    return switch (failure.kind()) {
      case HTTP_STATUS -> "the endpoint answered HTTP " + failure.status() + ".";
      case TIMEOUT -> "the endpoint did not answer within " + shown(endpoint.timeout()) + ".";
      case UNREACHABLE -> "the endpoint could not be reached.";
      case TOO_LARGE -> "the endpoint's answer is too large to post.";
      case BUSY -> "too many commands are calling their endpoints right now; try again shortly.";
      case CIRCUIT_OPEN ->
          "recent calls to command endpoints failed, so none are made for a short while; try"
              + " again shortly.";
    };
  }

  private String logged(CommandCallException failure) {
    return switch (failure.kind()) {
      case HTTP_STATUS -> "the endpoint answered HTTP " + failure.status();
      case TIMEOUT -> "no answer within " + endpoint.timeout();
      case UNREACHABLE -> "the endpoint could not be reached";
      case TOO_LARGE -> "the answer is over the size the bot reads";
      case BUSY -> "refused: the bulkhead of command calls is full";
      case CIRCUIT_OPEN -> "refused: the command endpoints' circuit is open";
    };
  }

  /** The line rebuilt from its parts, for a message whose text the parser cannot read again. */
  private static String typed(CommandContext context) {
    String arguments = context.command().argumentText();
    return "/" + context.command().name() + (arguments.isEmpty() ? "" : " " + arguments);
  }

  /** {@code 30s}, {@code 10m}, {@code 1m30s}. */
  static String shown(Duration duration) {
    return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
  }

  private static long millisSince(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }

  /** The answer is not text or a message; says why without quoting it. */
  private static final class UnreadableAnswer extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String shown;

    UnreadableAnswer(String reason, String shown) {
      super(reason, null, false, false);
      this.shown = shown;
    }
  }

  @Override
  public String toString() {
    return "ConfiguredCommand[/" + name + ", " + endpoint + "]";
  }
}
