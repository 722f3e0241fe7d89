package io.feishubot.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Where Debian's monitoring binaries are: {@code apt-get install -y prometheus
 * prometheus-alertmanager} puts them on the PATH (Prometheus 2.42, Alertmanager 0.25).
 */
public final class MonitoringBinaries {

  public static final String PROMETHEUS = "prometheus";
  public static final String PROMTOOL = "promtool";
  public static final String ALERTMANAGER = "prometheus-alertmanager";
  public static final String AMTOOL = "amtool";

  static final List<String> ALL = List.of(PROMETHEUS, PROMTOOL, ALERTMANAGER, AMTOOL);

  static final String INSTALL = "apt-get install -y prometheus prometheus-alertmanager";

  private MonitoringBinaries() {}

  /** The executable named {@code name} on the PATH. */
  public static Path require(String name) {
    return find(name)
        .orElseThrow(() -> new IllegalStateException(name + " is not installed (" + INSTALL + ")"));
  }

  static Optional<Path> find(String name) {
    String path =
        Optional.ofNullable(System.getenv("PATH")).orElse("") + File.pathSeparator + "/usr/bin";
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Skips (locally) or fails (under CI) a class whose binaries are missing; see the annotation. */
  public static final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      List<String> missing = ALL.stream().filter(name -> find(name).isEmpty()).toList();
      if (missing.isEmpty()) {
        return ConditionEvaluationResult.enabled("Prometheus and Alertmanager are installed");
      }
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(
            "CI=true but "
                + String.join(", ", missing)
                + " missing: .ci/run must run `"
                + INSTALL
                + "` (these tests never skip on CI)");
      }
      String reason =
          "skipped: "
              + String.join(", ", missing)
              + " not installed; run `"
              + INSTALL
              + "` to run the real Alertmanager and Prometheus tests";
      // Once per test JVM: the build output counts skipped tests but does not say why. A system
      // property, not a static field, since Quarkus loads this class again in its class loader.
      if (System.getProperties().putIfAbsent("feishubot.monitoring.skip-announced", "true")
          == null) {
        System.err.println("[WARNING] " + reason);
      }
      return ConditionEvaluationResult.disabled(reason);
    }
  }
}
