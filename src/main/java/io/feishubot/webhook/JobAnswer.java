package io.feishubot.webhook;

import io.feishubot.jobs.JobOutcome;
import io.feishubot.message.Message;
import java.time.Duration;

/**
 * What a job's run comes to: a reply to post in the command's thread (the handler's own, or an
 * error naming the command in words of our own, never exception text that could quote payload), or
 * nothing at all because the process is stopping under it.
 */
sealed interface JobAnswer {

  record Reply(Message message, JobMeters.Ended ended, JobOutcome outcome) implements JobAnswer {}

  record Stopped() implements JobAnswer {}

  static JobAnswer of(String command, JobAttempt.Ending ending, Duration timeout) {
    return switch (ending) {
      case JobAttempt.Returned returned ->
          new Reply(returned.reply(), JobMeters.Ended.FINISHED, new JobOutcome.Finished());
      case JobAttempt.Threw threw ->
          new Reply(
              Message.text("/" + command + " failed. The bot's log has the details."),
              JobMeters.Ended.FAILED,
              new JobOutcome.Failed(threw.exceptionType()));
      case JobAttempt.TimedOut timedOut ->
          new Reply(
              Message.text("/" + command + " timed out after " + inWords(timeout) + "."),
              JobMeters.Ended.TIMED_OUT,
              new JobOutcome.Failed("timed out"));
      case JobAttempt.Interrupted interrupted -> new Stopped();
    };
  }

  /** The answer when the handler's reply is over Feishu's size limits. */
  static Reply tooLarge(String command) {
    return new Reply(
        Message.text("/" + command + " answered with a message too large to send."),
        JobMeters.Ended.FAILED,
        new JobOutcome.Failed("reply too large"));
  }

  /** "90 s" → "1 min 30 s"; whole units only, as people say it. */
  static String inWords(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds == 0) {
      return duration.toMillis() + " ms";
    }
    long hours = seconds / 3600;
    long minutes = seconds % 3600 / 60;
    long rest = seconds % 60;
    StringBuilder words = new StringBuilder();
    if (hours > 0) {
      words.append(hours).append(" h");
    }
    if (minutes > 0) {
      words.append(words.isEmpty() ? "" : " ").append(minutes).append(" min");
    }
    if (rest > 0) {
      words.append(words.isEmpty() ? "" : " ").append(rest).append(" s");
    }
    return words.toString();
  }
}
