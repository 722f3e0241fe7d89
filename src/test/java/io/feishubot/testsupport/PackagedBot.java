package io.feishubot.testsupport;

import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The packaged bot ({@code target/quarkus-app/quarkus-run.jar}, or the native executable of a
 * {@code -Dnative} build) as its own process in the prod profile, configured only through
 * environment variables, the way a deployment runs it.
 */
public final class PackagedBot implements AutoCloseable {

  private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
  private static final Path ARTIFACT = Path.of("target", "quarkus-artifact.properties");
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  private final Process process;
  private final int port;
  private final Path log;

  private PackagedBot(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts the packaged bot with {@code env} and waits until readiness answers 200. */
  public static PackagedBot start(Map<String, String> env) throws Exception {
    int port = freePort();
    // Kept under target/ after the run, so a failing CI run can be read afterwards.
    Path log = Path.of("target", "packaged-bot-" + port + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command()).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("FEISHU_"));
    builder.environment().putAll(env);
    builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
    PackagedBot bot = new PackagedBot(builder.start(), port, log);
    bot.awaitReady(Duration.ofSeconds(60));
    return bot;
  }

  /**
   * What the package phase built, as {@code @QuarkusIntegrationTest} finds it: the jar, or with
   * {@code -Dnative} the native executable, so a native build runs the same black-box tests.
   */
  private static List<String> command() throws IOException {
    Properties artifact = new Properties();
    if (Files.exists(ARTIFACT)) {
      try (Reader reader = Files.newBufferedReader(ARTIFACT)) {
        artifact.load(reader);
      }
    }
    if ("native".equals(artifact.getProperty("type"))) {
      return List.of(Path.of("target", artifact.getProperty("path")).toAbsolutePath().toString());
    }
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run the package phase first");
    }
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString());
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  private void awaitReady(Duration timeout) throws Exception {
    // Each probe is bounded too, so a server that accepts but never answers cannot stall the poll.
    HttpClient client = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
    Instant giveUp = Instant.now().plus(timeout);
    while (Instant.now().isBefore(giveUp)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the bot exited during startup:\n" + log());
      }
      try {
        HttpResponse<Void> response =
            client.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                    .timeout(PROBE_TIMEOUT)
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYetListeningOrTimedOut) {
        // keep polling until the deadline
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the bot was not ready within " + timeout + ":\n" + log());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
