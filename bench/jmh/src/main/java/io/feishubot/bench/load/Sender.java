package io.feishubot.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends exactly {@code count} deliveries from a pool file (each once) at fixed concurrency, then
 * stops; prints {@code sent ok failed seconds}. Usage: {@code Sender <url> <pool> <count>
 * <concurrency>}. Loopback only: refuses any other host.
 */
public final class Sender {

  private Sender() {}

  public static void main(String[] args) throws Exception {
    URI url = loopback(URI.create(args[0]));
    List<String> lines = PoolFile.lines(Path.of(args[1]), Integer.parseInt(args[2]));
    int concurrency = Integer.parseInt(args[3]);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    for (int t = 0; t < concurrency; t++) {
      pool.execute(
          () -> {
            int i;
            while ((i = next.getAndIncrement()) < lines.size()) {
              try {
                HttpResponse<Void> response =
                    client.send(
                        PoolFile.request(url, lines.get(i)),
                        HttpResponse.BodyHandlers.discarding());
                (response.statusCode() == 200 ? ok : failed).incrementAndGet();
              } catch (Exception e) {
                failed.incrementAndGet();
              }
            }
          });
    }
    pool.shutdown();
    if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%d %d %d %.2f%n", lines.size(), ok.get(), failed.get(), seconds);
  }

  static URI loopback(URI url) {
    String host = url.getHost();
    if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
      throw new IllegalArgumentException("load goes to loopback only, not " + host);
    }
    return url;
  }
}
