package io.feishubot.bench.load;

import io.feishubot.bench.Deliveries;
import io.feishubot.bench.Deliveries.Delivery;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes {@code count} pre-signed, pre-encrypted deliveries with unique event ids, one a line as
 * {@code timestamp TAB nonce TAB signature TAB body}, for bench/http/deliveries.lua and the other
 * load tools. Usage: {@code DeliveryPool <PING|FROM_APP> <count> <file>}.
 */
public final class DeliveryPool {

  private DeliveryPool() {}

  public static void main(String[] args) throws IOException {
    Deliveries.Kind kind = Deliveries.Kind.valueOf(args[0]);
    int count = Integer.parseInt(args[1]);
    Path file = Path.of(args[2]);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Delivery d : Deliveries.generate(kind, count, Instant.now())) {
        out.write(d.timestamp());
        out.write('\t');
        out.write(d.nonce());
        out.write('\t');
        out.write(d.signature());
        out.write('\t');
        out.write(new String(d.body(), StandardCharsets.UTF_8));
        out.write('\n');
      }
    }
  }
}
