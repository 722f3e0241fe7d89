package io.feishubot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.feishubot.config.FeishuConfig.Jobs.Dispatch;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobDispatcherProducerTest {

  @Test
  void auto_runsJobsInProcess_offLambda_andOnLambda_selfInvokes() {
    assertThat(JobDispatcherProducer.where(Dispatch.AUTO, Optional.empty()))
        .isEqualTo(Dispatch.IN_PROCESS);
    assertThat(JobDispatcherProducer.where(Dispatch.AUTO, Optional.of(" ")))
        .isEqualTo(Dispatch.IN_PROCESS);
    assertThat(JobDispatcherProducer.where(Dispatch.AUTO, Optional.of("feishu-bot-prod-events")))
        .isEqualTo(Dispatch.LAMBDA);
  }

  @Test
  void anExplicitChoice_winsOverTheEnvironment() {
    assertThat(JobDispatcherProducer.where(Dispatch.IN_PROCESS, Optional.of("fn")))
        .isEqualTo(Dispatch.IN_PROCESS);
    assertThat(JobDispatcherProducer.where(Dispatch.LAMBDA, Optional.empty()))
        .isEqualTo(Dispatch.LAMBDA);
  }
}
