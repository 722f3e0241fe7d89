package io.feishubot.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A monitoring peer (Prometheus, Alertmanager) as a child process on loopback, its output in {@code
 * target/monitoring/<name>-<port>.log} for reading after a failed run. Started ready: {@link
 * #start} returns once {@code /-/ready} answers 200.
 */
public final class PeerProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final String name;
  private final int port;
  private final Path log;
  private Process process;

  private PeerProcess(String name, int port) {
    this.name = name;
    this.port = port;
    this.log = Path.of("target", "monitoring", name + "-" + port + ".log");
  }

  /** Runs {@code command} (which must listen on {@code port}) and waits until it is ready. */
  public static PeerProcess start(String name, int port, List<String> command) {
    PeerProcess peer = new PeerProcess(name, port);
    peer.run(command);
    return peer;
  }

  public int port() {
    return port;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }

  /** GET {@code path}; the body, or a failure naming the status. */
  public String get(String path) {
    return call(HttpRequest.newBuilder(URI.create(url() + path)).GET().build());
  }

  /** POST {@code json} to {@code path}; the body, or a failure naming the status. */
  public String post(String path, String json) {
    return call(
        HttpRequest.newBuilder(URI.create(url() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private String call(HttpRequest request) {
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            name + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void run(List<String> command) {
    try {
      Files.createDirectories(log.getParent());
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, name + "-" + port + "-stop"));
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + ":\n" + log());
      }
      try {
        HttpResponse<Void> ready =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(url() + "/-/ready")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      Poll.pause();
    }
    close();
    throw new IllegalStateException(name + " not ready within " + START_TIMEOUT + ":\n" + log());
  }

  @Override
  public synchronized void close() {
    if (process == null) {
      return;
    }
    Process stopping = process;
    process = null;
    stopping.destroy();
    try {
      if (!stopping.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        stopping.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping.destroyForcibly();
    }
  }

  /**
   * A new directory for a peer's configuration and data, under {@code target/monitoring} (so that
   * {@code mvn clean} removes it and a failed run can be read afterwards), as an absolute path: the
   * peers resolve relative paths in their configuration against the configuration file.
   */
  public static Path workDir(String name) {
    try {
      Path parent = Files.createDirectories(Path.of("target", "monitoring"));
      return Files.createTempDirectory(parent, name + "-").toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A free loopback port, to hand to a peer before it starts. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
