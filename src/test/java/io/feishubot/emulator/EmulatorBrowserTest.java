package io.feishubot.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The emulator in a real browser: {@code src/test/js/emulator.spec.mjs} drives headless Chromium
 * through playwright-core against this app, and leaves screenshots in {@code
 * target/emulator-screenshots}. Without the tools it is skipped locally, saying what to install;
 * under CI ({@code CI=true}) it fails instead, so it can never silently stop running there.
 */
@QuarkusTest
@TestProfile(EmulatorProfile.class)
class EmulatorBrowserTest {

  private static final Path SPEC = Path.of("src", "test", "js", "emulator.spec.mjs");
  private static final Path SCREENSHOTS = Path.of("target", "emulator-screenshots");
  private static final long TIMEOUT_SECONDS = 180;

  @Test
  void aNewcomerChatsWithTheBot_inARealBrowser() throws Exception {
    BrowserTools tools = tools();
    Files.createDirectories(SCREENSHOTS);
    Path output = SCREENSHOTS.resolve("spec-output.txt");
    ProcessBuilder builder =
        new ProcessBuilder(tools.node().toString(), SPEC.toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    Map<String, String> env = builder.environment();
    env.put("EMULATOR_URL", "http://localhost:" + EmulatorProfile.port());
    env.put("CHROMIUM", tools.chromium().toString());
    env.put("PLAYWRIGHT_HOME", tools.playwrightHome().toString());
    env.put("SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString());
    env.put("CARD_COMMAND", "/" + EmulatorFixtures.APPROVAL);
    env.put("UPDATE_COMMAND", "/" + EmulatorFixtures.PROGRESS);
    Process spec = builder.start();
    boolean finished = spec.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!finished) {
      spec.descendants().forEach(ProcessHandle::destroyForcibly);
      spec.destroyForcibly();
    }
    String log = Files.readString(output, StandardCharsets.UTF_8);
    System.out.println("emulator.spec.mjs:\n" + log);
    assertThat(finished).as("the browser run ends within %d s", TIMEOUT_SECONDS).isTrue();
    assertThat(spec.exitValue()).as("emulator.spec.mjs exit code; its output:\n%s", log).isZero();
    assertThat(log).contains("see pong ... ok").contains("duplicate").contains("401");
    // The bot has /deploy: the requester's press is refused, another user's turns the card green.
    assertThat(log).contains("press Approve: the card turns green ... ok");
    assertThat(SCREENSHOTS.resolve("01-ping.png")).exists();
    assertThat(SCREENSHOTS.resolve("05-card-pressed.png")).exists();
    assertThat(SCREENSHOTS.resolve("05b-deploy-approved.png")).exists();
  }

  private static BrowserTools tools() {
    StringBuilder missing = new StringBuilder();
    return BrowserTools.locate(missing)
        .orElseGet(
            () -> {
              String message = "the emulator browser test needs its tools: " + missing;
              if ("true".equals(System.getenv("CI"))) {
                fail(message);
              }
              Assumptions.abort(message);
              return null;
            });
  }
}
