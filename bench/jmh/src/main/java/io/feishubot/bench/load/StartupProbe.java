package io.feishubot.bench.load;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Process start to first acknowledged signed event: starts the command, posts a signed delivery
 * every 2 ms until one is answered 200, stops the process, and repeats. Prints each run in ms and
 * then {@code median <ms>}. Usage: {@code StartupProbe <url> <pool> <runs> <log> -- <command...>}.
 * Each run uses another line of the pool, so no delivery is a duplicate.
 */
public final class StartupProbe {

  private static final Duration GIVE_UP = Duration.ofSeconds(60);

  private StartupProbe() {}

  public static void main(String[] args) throws Exception {
    URI url = Sender.loopback(URI.create(args[0]));
    int runs = Integer.parseInt(args[2]);
    List<String> lines = PoolFile.lines(Path.of(args[1]), runs);
    File log = new File(args[3]);
    List<String> command = Arrays.asList(args).subList(5, args.length);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(200))
            .build();
    // Warm the probe's own HTTP client so its first use is not counted against the server.
    warm(client);
    List<Double> millis = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
      long start = System.nanoTime();
      Process process = builder.start();
      try {
        long deadline = start + GIVE_UP.toNanos();
        boolean acked = false;
        while (!acked && System.nanoTime() < deadline && process.isAlive()) {
          try {
            HttpResponse<String> response =
                client.send(
                    PoolFile.request(url, lines.get(run)), HttpResponse.BodyHandlers.ofString());
            acked = response.statusCode() == 200;
          } catch (java.io.IOException notYet) {
            Thread.sleep(2);
          }
        }
        double ms = (System.nanoTime() - start) / 1e6;
        if (!acked) {
          throw new IllegalStateException("no acknowledgement after " + ms + " ms; see " + log);
        }
        millis.add(ms);
        System.out.printf("run %d: %.0f ms%n", run + 1, ms);
      } finally {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      }
      Thread.sleep(500);
    }
    Collections.sort(millis);
    System.out.printf("median %.0f%n", millis.get(millis.size() / 2));
  }

  private static void warm(HttpClient client) {
    try {
      client.send(
          java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:9/")).build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (Exception expected) {
      // nothing listens on the discard port; only the client's classes and threads matter
    }
  }
}
