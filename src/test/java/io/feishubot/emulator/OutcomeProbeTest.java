package io.feishubot.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.feishubot.emulator.OutcomeProbe.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomeProbeTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final OutcomeProbe probe = new OutcomeProbe(registry);

  private void count(String type, String outcome, String reason) {
    Counter.builder("feishu.events")
        .tag("type", type)
        .tag("outcome", outcome)
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  @Test
  void theOneOutcomeCountedInBetween_isTheDeliverysOutcome() {
    count("im.message.receive_v1", "accepted", "none");
    Map<Outcome, Double> before = probe.snapshot();
    count("im.message.receive_v1", "duplicate", "none");
    assertThat(OutcomeProbe.counted(before, probe.snapshot()))
        .contains(new Outcome("duplicate", "none"));
    before = probe.snapshot();
    count("unknown", "rejected", "bad_signature");
    assertThat(OutcomeProbe.counted(before, probe.snapshot()))
        .contains(new Outcome("rejected", "bad_signature"));
  }

  @Test
  void noneOrSeveral_tellNothing() {
    Map<Outcome, Double> before = probe.snapshot();
    assertThat(OutcomeProbe.counted(before, probe.snapshot())).isEmpty();
    count("a", "accepted", "none");
    count("b", "ignored", "none");
    assertThat(OutcomeProbe.counted(before, probe.snapshot())).isEmpty();
  }
}
