package io.feishubot.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the lines {@link DeliveryPool} writes back into ready-to-send requests. */
final class PoolFile {

  private PoolFile() {}

  static List<String> lines(Path file, int limit) throws IOException {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.limit(limit).toList();
    }
  }

  static HttpRequest request(URI url, String line) {
    String[] f = line.split("\t", 4);
    return HttpRequest.newBuilder(url)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("X-Lark-Request-Timestamp", f[0])
        .header("X-Lark-Request-Nonce", f[1])
        .header("X-Lark-Signature", f[2])
        .POST(HttpRequest.BodyPublishers.ofString(f[3], StandardCharsets.UTF_8))
        .build();
  }
}
