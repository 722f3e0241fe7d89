package io.feishubot.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Prometheus (Debian's 2.42) for end-to-end tests: scrapes the bot under test every second,
 * evaluates a test copy of the shipped {@code infra/prometheus/alerts.yml} every second, and sends
 * what fires to an Alertmanager.
 */
public final class Prometheus {

  public static final Path RULES = Path.of("infra", "prometheus", "alerts.yml");

  private static final Pattern FOR = Pattern.compile("(?m)^(\\s*for:\\s*)\\S+\\s*$");
  private static final Pattern RANGE = Pattern.compile("\\[(\\d+)[smh]\\]");

  private Prometheus() {}

  /**
   * Starts Prometheus scraping {@code botHostPort}'s {@code /q/metrics}, with {@code rules}, and
   * alerting {@code alertmanagerHostPort}.
   */
  public static PeerProcess start(String botHostPort, String alertmanagerHostPort, Path rules) {
    try {
      Path dir = PeerProcess.workDir("prometheus");
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(
          config,
          String.join(
              "\n",
              "global:",
              "  scrape_interval: 1s",
              "  evaluation_interval: 1s",
              "rule_files: ['" + rules.toAbsolutePath() + "']",
              "alerting:",
              "  alertmanagers:",
              "    - static_configs:",
              "        - targets: ['" + alertmanagerHostPort + "']",
              "scrape_configs:",
              "  - job_name: feishu-bot",
              "    metrics_path: /q/metrics",
              "    static_configs:",
              "      - targets: ['" + botHostPort + "']",
              ""));
      int port = PeerProcess.freePort();
      return PeerProcess.start(
          "prometheus",
          port,
          List.of(
              MonitoringBinaries.require(MonitoringBinaries.PROMETHEUS).toString(),
              "--config.file=" + config,
              "--storage.tsdb.path=" + dir.resolve("data"),
              "--web.listen-address=127.0.0.1:" + port));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The shipped rules with durations a test can wait for: every {@code for:} one second, every
   * range window 20 seconds. The expressions and thresholds stay as shipped.
   */
  public static Path testCopyOfRules(Path dir) {
    try {
      String rules = Files.readString(RULES);
      Matcher forClauses = FOR.matcher(rules);
      if (!forClauses.find()) {
        throw new IllegalStateException(RULES + " has no for: clause to shorten");
      }
      String shortened = forClauses.replaceAll("$11s");
      shortened = RANGE.matcher(shortened).replaceAll("[20s]");
      Path copy = dir.resolve("alerts-test-copy.yml");
      Files.writeString(copy, shortened);
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code promtool check rules <file>}: its exit code and output. */
  public static ToolRun checkRules(Path rules) {
    return run(MonitoringBinaries.PROMTOOL, "check", "rules", rules.toString());
  }

  /** {@code amtool check-config <file>}: its exit code and output. */
  public static ToolRun checkAlertmanagerConfig(Path config) {
    return run(MonitoringBinaries.AMTOOL, "check-config", config.toString());
  }

  /** What a command-line tool said. */
  public record ToolRun(int exitCode, String output) {}

  private static ToolRun run(String tool, String... arguments) {
    List<String> command = new java.util.ArrayList<>();
    command.add(MonitoringBinaries.require(tool).toString());
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(tool + " did not finish within 30 s");
      }
      return new ToolRun(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
