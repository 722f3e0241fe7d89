package io.feishubot.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the browser test needs: Node.js, Debian's Chromium, and playwright-core from npm, installed
 * on demand into {@code target/e2e} like dynalite. Chromium needs root to install, so the test
 * never installs it: {@code .ci/run} does ({@code apt-get install -y chromium}).
 */
record BrowserTools(Path node, Path chromium, Path playwrightHome) {

  static final String PLAYWRIGHT_VERSION = "1.65.1";
  static final Path HOME = Path.of("target", "e2e");
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(3);
  private static final String HOW =
      "apt-get install -y chromium (Debian), and Node.js with npm for playwright-core";

  /** The tools, or why they cannot be had; playwright-core is installed if missing. */
  static Optional<BrowserTools> locate(StringBuilder missing) {
    Optional<Path> node = onPath("node");
    Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    if (node.isEmpty()) {
      missing.append("node is not on the PATH. ");
    }
    if (!Files.isExecutable(chromium)) {
      missing.append(chromium).append(" is missing. ");
    }
    if (missing.isEmpty() && !installPlaywright(missing)) {
      return Optional.empty();
    }
    if (!missing.isEmpty()) {
      missing.append("Install: ").append(HOW).append('.');
      return Optional.empty();
    }
    return Optional.of(new BrowserTools(node.get(), chromium, HOME.toAbsolutePath()));
  }

  private static boolean installPlaywright(StringBuilder missing) {
    Path installed = HOME.resolve("node_modules/playwright-core/package.json");
    if (Files.exists(installed)) {
      return true;
    }
    try {
      Files.createDirectories(HOME);
      Path log = HOME.resolve("npm-install.log");
      Process npm =
          new ProcessBuilder(
                  "npm",
                  "install",
                  "--no-save",
                  "--no-audit",
                  "--no-fund",
                  "--prefix",
                  HOME.toString(),
                  "playwright-core@" + PLAYWRIGHT_VERSION)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!npm.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        npm.destroyForcibly();
        missing.append("npm install playwright-core timed out. ");
        return false;
      }
      if (npm.exitValue() != 0 || !Files.exists(installed)) {
        missing
            .append("npm install playwright-core failed: ")
            .append(Files.readString(log, StandardCharsets.UTF_8));
        return false;
      }
      return true;
    } catch (IOException e) {
      missing.append("cannot run npm (").append(e.getMessage()).append("). ");
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      missing.append("interrupted while installing playwright-core. ");
      return false;
    }
  }

  private static Optional<Path> onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
