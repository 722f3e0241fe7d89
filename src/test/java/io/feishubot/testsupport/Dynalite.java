package io.feishubot.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real DynamoDB-protocol server for tests: dynalite 4.0.0 from npm, installed on demand into
 * {@code target/dynalite} and run as a child process on a free loopback port. It can be stopped and
 * started again on the same port, to test outages. With a data directory its tables survive a
 * restart, as a real table survives an outage.
 *
 * <p>It needs Node.js: {@code node} on PATH, and {@code npm} until it is installed. Without them
 * the tests that use it are skipped ({@link RequiresDynalite}), except under CI ({@code CI} set),
 * where they fail: a CI machine without Node.js must not pass with the DynamoDB tests silently
 * skipped.
 */
public final class Dynalite implements AutoCloseable {

  private static final String VERSION = "4.0.0";
  private static final Path HOME = Path.of("target", "dynalite");
  private static final Path EXECUTABLE = HOME.resolve("node_modules/.bin/dynalite");
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final int port;
  private final Optional<Path> dataDir;
  private final Path log;
  private Process process;

  private Dynalite(int port, Optional<Path> dataDir) {
    this.port = port;
    this.dataDir = dataDir;
    this.log = HOME.resolve("dynalite-" + port + ".log");
    // A test run that dies without stop() must not leave a server behind.
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "dynalite-" + port + "-stop"));
  }

  /** A server keeping tables in memory: a restart loses them. */
  public static Dynalite inMemory() {
    return new Dynalite(freePort(), Optional.empty());
  }

  /** A server keeping tables under {@code dataDir}, so they survive {@link #stop()}. */
  public static Dynalite persistent(Path dataDir) {
    return new Dynalite(freePort(), Optional.of(dataDir));
  }

  public int port() {
    return port;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * Why dynalite cannot run on this machine (Node.js tools missing from PATH), or empty if it can.
   */
  public static Optional<String> unavailableReason() {
    List<String> missing =
        Stream.of("node", "npm")
            .filter(tool -> !tool.equals("npm") || !Files.isExecutable(EXECUTABLE))
            .filter(tool -> !onPath(tool))
            .toList();
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "the DynamoDB tests run dynalite (a DynamoDB server from npm), which needs Node.js, and "
            + String.join(" and ", missing)
            + (missing.size() == 1 ? " is" : " are")
            + " not on PATH: install Node.js with npm to run them");
  }

  /** What a test reports when it is skipped for {@code reason}. */
  static String skipMessage(String reason) {
    return "Skipped: " + reason + " (under CI, env CI set, they fail instead)";
  }

  /** Whether this is a CI run: env {@code CI} set, as CI services and .ci/run set it. */
  public static boolean underCi() {
    String ci = System.getenv("CI");
    return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
  }

  /**
   * Starts the server (installing it first if needed) and returns once it accepts connections.
   * Without Node.js it aborts the calling test as skipped, or fails it under CI.
   */
  public synchronized Dynalite start() {
    if (process != null && process.isAlive()) {
      return this;
    }
    Optional<String> unavailable = unavailableReason();
    if (unavailable.isPresent()) {
      if (underCi()) {
        throw new IllegalStateException(
            "CI is set, so a missing Node.js fails the build: " + unavailable.get());
      }
      Assumptions.abort(skipMessage(unavailable.get()));
    }
    installIfMissing();
    List<String> command = new ArrayList<>();
    command.add(EXECUTABLE.toAbsolutePath().toString());
    command.addAll(
        List.of("--host", "127.0.0.1", "--port", Integer.toString(port), "--createTableMs", "0"));
    dataDir.ifPresent(dir -> command.addAll(List.of("--path", dir.toAbsolutePath().toString())));
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start dynalite (is node installed?)", e);
    }
    awaitListening();
    return this;
  }

  /** Stops the server and its children, returning once the port is closed. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    Process stopping = process;
    process = null;
    stopping.descendants().forEach(ProcessHandle::destroy);
    stopping.destroy();
    try {
      if (!stopping.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        stopping.descendants().forEach(ProcessHandle::destroyForcibly);
        stopping.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping.destroyForcibly();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void awaitListening() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "dynalite exited with " + process.exitValue() + " on port " + port + ": " + logTail());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        sleep(50);
      }
    }
    stop();
    throw new IllegalStateException(
        "dynalite did not listen on port " + port + " within " + START_TIMEOUT + ": " + logTail());
  }

  private static synchronized void installIfMissing() {
    if (Files.isExecutable(EXECUTABLE)) {
      return;
    }
    try {
      Files.createDirectories(HOME);
      Path installLog = HOME.resolve("npm-install.log");
      Process npm =
          new ProcessBuilder(
                  "npm", "install", "--no-save", "--prefix", HOME.toString(), "dynalite@" + VERSION)
              .redirectErrorStream(true)
              .redirectOutput(installLog.toFile())
              .start();
      if (!npm.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        npm.destroyForcibly();
        throw new IllegalStateException("npm install dynalite timed out after " + INSTALL_TIMEOUT);
      }
      if (npm.exitValue() != 0 || !Files.isExecutable(EXECUTABLE)) {
        throw new IllegalStateException(
            "npm install dynalite@"
                + VERSION
                + " failed ("
                + npm.exitValue()
                + "): "
                + Files.readString(installLog, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install dynalite with npm (is npm installed?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing dynalite", e);
    }
  }

  private String logTail() {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      return text.substring(Math.max(0, text.length() - 2000));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    return Stream.of(path.split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .flatMap(dir -> Stream.of("", ".cmd", ".exe").map(ext -> Path.of(dir, tool + ext)))
        .anyMatch(Files::isExecutable);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for dynalite", e);
    }
  }
}
