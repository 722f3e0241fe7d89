package io.feishubot.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.feishubot.jobs.JobOutcome;
import io.feishubot.message.Message;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobAnswerTest {

  @Test
  void timeoutsAreSaidInWholeUnits_asPeopleSayThem() {
    assertThat(JobAnswer.inWords(Duration.ofSeconds(1))).isEqualTo("1 s");
    assertThat(JobAnswer.inWords(Duration.ofSeconds(90))).isEqualTo("1 min 30 s");
    assertThat(JobAnswer.inWords(Duration.ofMinutes(5))).isEqualTo("5 min");
    assertThat(JobAnswer.inWords(Duration.ofHours(1).plusMinutes(2))).isEqualTo("1 h 2 min");
    assertThat(JobAnswer.inWords(Duration.ofMillis(250))).isEqualTo("250 ms");
  }

  @Test
  void aFailure_isRepliedInOurOwnWords_namingTheCommand() {
    JobAnswer answer =
        JobAnswer.of(
            "deploy", new JobAttempt.Threw("IllegalStateException"), Duration.ofMinutes(5));
    assertThat(answer)
        .isEqualTo(
            new JobAnswer.Reply(
                Message.text("/deploy failed. The bot's log has the details."),
                JobMeters.Ended.FAILED,
                new JobOutcome.Failed("IllegalStateException")));
    assertThat(JobAnswer.of("deploy", new JobAttempt.TimedOut(), Duration.ofMinutes(5)))
        .isEqualTo(
            new JobAnswer.Reply(
                Message.text("/deploy timed out after 5 min."),
                JobMeters.Ended.TIMED_OUT,
                new JobOutcome.Failed("timed out")));
    assertThat(JobAnswer.of("deploy", new JobAttempt.Interrupted(), Duration.ofMinutes(5)))
        .isInstanceOf(JobAnswer.Stopped.class);
  }
}
