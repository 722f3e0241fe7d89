package io.feishubot.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.feishubot.testsupport.Alertmanager;
import io.feishubot.testsupport.Prometheus;
import io.feishubot.testsupport.RequiresMonitoringPeers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped monitoring files pass their own tools' checks, as an operator would run them. */
@RequiresMonitoringPeers
class MonitoringConfigTest {

  @Test
  void promtoolChecksTheShippedRules_andTheTestCopy(@TempDir Path dir) throws IOException {
    Prometheus.ToolRun shipped = Prometheus.checkRules(Prometheus.RULES);
    assertThat(shipped.exitCode()).as(shipped.output()).isZero();
    assertThat(shipped.output()).contains("SUCCESS");

    Path copy = Prometheus.testCopyOfRules(dir);
    Prometheus.ToolRun short_ = Prometheus.checkRules(copy);
    assertThat(short_.exitCode()).as(short_.output()).isZero();
    String copied = Files.readString(copy);
    assertThat(copied).doesNotContain("for: 5m").doesNotContain("[5m]").contains("for: 1s");
    // The same rules: only durations differ.
    assertThat(copied.lines().filter(line -> line.contains("alert:")).count())
        .isEqualTo(
            Files.readString(Prometheus.RULES).lines().filter(l -> l.contains("alert:")).count());
  }

  @Test
  void amtoolChecksTheShippedAlertmanagerConfig() {
    Prometheus.ToolRun check = Prometheus.checkAlertmanagerConfig(Alertmanager.EXAMPLE);
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS").contains("2 receivers");
  }
}
