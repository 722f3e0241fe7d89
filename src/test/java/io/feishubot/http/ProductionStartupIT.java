package io.feishubot.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged jar in the prod profile refuses to start without its settings, and says which. */
class ProductionStartupIT {

  @Test
  void refusesToStart_andNamesEveryMissingVariable() throws Exception {
    Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
    assertThat(jar).exists();
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0",
                "-jar",
                jar.toString())
            .redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("FEISHU_"));
    Path output = Files.createTempFile("feishu-bot-startup", ".log");
    builder.redirectOutput(output.toFile());
    Process process = builder.start();
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process exits by itself").isTrue();
      String log = read(output);
      assertThat(process.exitValue()).isNotZero();
      assertThat(log)
          .contains("FEISHU_APP_ID")
          .contains("FEISHU_APP_SECRET")
          .contains("FEISHU_VERIFICATION_TOKEN");
    } finally {
      process.destroyForcibly();
      Files.deleteIfExists(output);
    }
  }

  private static String read(Path path) throws IOException {
    return Files.readString(path, StandardCharsets.UTF_8);
  }
}
