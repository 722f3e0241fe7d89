package io.feishubot.bench.load;

import io.feishubot.bench.Deliveries;
import io.feishubot.bench.Deliveries.Delivery;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Plays Feishu at its worst against one or two running bots: {@code events} signed {@code /ping}
 * deliveries sent by {@code senders} concurrent senders, 30 % of them delivered twice at once (to
 * the other instance when there are two), every delivery not answered 2xx within Feishu's 3 s
 * redelivered up to 4 times {@code gap-ms} apart (Feishu waits 15 s, 5 min, 1 h and 6 h; the soak
 * compresses that). Redeliveries that are due go before new events, as Feishu's retry queue is
 * independent of new traffic. The fake Open API ({@link SoakOpenApi}) injects random HTTP 500s with
 * probability {@code errors} per attempt and Feishu's per-chat limit of 5 sends/s; events are
 * spread over {@code chats} chats.
 *
 * <p>Prints one tab-separated line: label, senders, error rate, events, deliveries, deliveries
 * answered non-2xx (of which late, past 3 s), events with no 2xx after 5 deliveries, the most
 * deliveries an event needed, Open API attempts, 500s and 429s, events that never got a reply (in
 * brackets: of them, those whose first delivery and its duplicate got one 2xx and one failure, so
 * that Feishu would never redeliver), the most replies one event got (by distinct uuid, as Feishu
 * counts; must be 1), circuit-breaker openings, and events/s. Usage: {@code Soak <label>
 * <bot-urls,comma-separated> <fake-url> <events> <senders> <errors> <chats> <gap-ms>}. Loopback
 * only.
 */
public final class Soak {

  private static final int MAX_DELIVERIES = 5;
  private static final double DUPLICATE_SHARE = 0.3;

  /** Feishu stops waiting after 3 s: a later 200 is a failed delivery to it. */
  private static final Duration FEISHU_WAIT = Duration.ofSeconds(3);

  private Soak() {}

  public static void main(String[] args) throws Exception {
    String label = args[0];
    List<URI> bots = new ArrayList<>();
    for (String url : args[1].split(",")) {
      bots.add(Sender.loopback(URI.create(url)));
    }
    URI fake = Sender.loopback(URI.create(args[2]));
    int events = Integer.parseInt(args[3]);
    int senders = Integer.parseInt(args[4]);
    double errors = Double.parseDouble(args[5]);
    int chats = Integer.parseInt(args[6]);
    long gapMillis = Long.parseLong(args[7]);

    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<Delivery> deliveries =
        Deliveries.generate(
            Deliveries.Kind.PING,
            events,
            Instant.now(),
            i -> "soak" + ThreadLocalRandom.current().nextInt(chats));
    double opensBefore = circuitOpenings(client, bots);
    get(client, fake.resolve("/control?errors=" + errors));

    Run run = new Run(client, bots, deliveries, senders, gapMillis);
    long start = System.nanoTime();
    run.execute();
    double seconds = (System.nanoTime() - start) / 1e9;

    Map<String, Long> stats = stats(get(client, fake.resolve("/stats")));
    double opens = circuitOpenings(client, bots) - opensBefore;
    Set<String> replied = Set.of(get(client, fake.resolve("/replied")).split("\n"));
    int unreplied = 0;
    int lostToAckedDuplicate = 0;
    for (int i = 0; i < events; i++) {
      if (!replied.contains(deliveries.get(i).messageId())) {
        unreplied++;
        lostToAckedDuplicate += run.duplicateAckedWhileOriginalFailed.get(i);
      }
    }
    System.out.printf(
        "%s\t%d\t%.0f%%\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d (%d)\t%d\t%.0f\t%.1f%n",
        label,
        senders,
        errors * 100,
        events,
        run.deliveries.get(),
        run.non2xx.get(),
        run.late.get(),
        run.unanswered(),
        run.mostDeliveriesNeeded(),
        stats.get("attempts"),
        stats.get("errors"),
        stats.get("rate_limited"),
        unreplied,
        lostToAckedDuplicate,
        stats.get("max_replies_per_message"),
        opens,
        events / seconds);
  }

  /** One soak run: the senders, the redelivery queue and what they saw. */
  private static final class Run {
    final HttpClient client;
    final List<URI> bots;
    final List<Delivery> events;
    final int senders;
    final long gapMillis;
    final ConcurrentLinkedQueue<Integer> fresh = new ConcurrentLinkedQueue<>();
    final DelayQueue<Due> redeliveries = new DelayQueue<>();
    final AtomicIntegerArray answeredAt; // delivery number of the first 2xx, 0 while none
    final AtomicIntegerArray sent;
    // 1 when the first delivery and its simultaneous duplicate got one 2xx and one failure.
    final AtomicIntegerArray duplicateAckedWhileOriginalFailed;
    final AtomicInteger open;
    final AtomicInteger deliveries = new AtomicInteger();
    final AtomicInteger non2xx = new AtomicInteger();
    final AtomicInteger late = new AtomicInteger();
    final ExecutorService duplicates = Executors.newCachedThreadPool();

    Run(HttpClient client, List<URI> bots, List<Delivery> events, int senders, long gapMillis) {
      this.client = client;
      this.bots = bots;
      this.events = events;
      this.senders = senders;
      this.gapMillis = gapMillis;
      this.answeredAt = new AtomicIntegerArray(events.size());
      this.sent = new AtomicIntegerArray(events.size());
      this.duplicateAckedWhileOriginalFailed = new AtomicIntegerArray(events.size());
      this.open = new AtomicInteger(events.size());
      for (int i = 0; i < events.size(); i++) {
        fresh.add(i);
      }
    }

    void execute() throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(senders);
      List<Future<?>> running = new ArrayList<>();
      for (int s = 0; s < senders; s++) {
        running.add(pool.submit(this::sendUntilDone));
      }
      for (Future<?> sender : running) {
        sender.get(10, TimeUnit.MINUTES);
      }
      pool.shutdownNow();
      duplicates.shutdownNow();
    }

    private Void sendUntilDone() throws InterruptedException {
      while (open.get() > 0) {
        Due due = redeliveries.poll();
        Integer event = due != null ? Integer.valueOf(due.event) : fresh.poll();
        if (event == null) {
          due = redeliveries.poll(50, TimeUnit.MILLISECONDS);
          if (due == null) {
            continue;
          }
          event = due.event;
        }
        deliver(event);
      }
      return null;
    }

    /** One delivery of {@code event} (and on first delivery maybe its duplicate, at once). */
    private void deliver(int event) {
      int number = sent.incrementAndGet(event);
      URI bot = bots.get(ThreadLocalRandom.current().nextInt(bots.size()));
      Future<Boolean> duplicate = null;
      if (number == 1 && ThreadLocalRandom.current().nextDouble() < DUPLICATE_SHARE) {
        URI other = bots.size() > 1 ? bots.get(bots.indexOf(bot) == 0 ? 1 : 0) : bot;
        duplicate = duplicates.submit(() -> post(other, event));
      }
      boolean ok = post(bot, event);
      if (duplicate != null) {
        boolean duplicateOk = false;
        try {
          duplicateOk = duplicate.get();
        } catch (Exception e) {
          // counted by post
        }
        if (ok != duplicateOk) {
          duplicateAckedWhileOriginalFailed.set(event, 1);
        }
        ok |= duplicateOk;
      }
      if (ok) {
        answeredAt.compareAndSet(event, 0, number);
        open.decrementAndGet();
      } else if (number < MAX_DELIVERIES) {
        redeliveries.add(new Due(event, System.nanoTime() + gapMillis * 1_000_000));
      } else {
        open.decrementAndGet();
      }
    }

    private boolean post(URI bot, int event) {
      deliveries.incrementAndGet();
      Delivery d = events.get(event);
      HttpRequest request =
          HttpRequest.newBuilder(bot)
              .timeout(FEISHU_WAIT)
              .header("Content-Type", "application/json; charset=utf-8")
              .header("X-Lark-Request-Timestamp", d.timestamp())
              .header("X-Lark-Request-Nonce", d.nonce())
              .header("X-Lark-Signature", d.signature())
              .POST(HttpRequest.BodyPublishers.ofByteArray(d.body()))
              .build();
      try {
        int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 == 2) {
          return true;
        }
      } catch (java.net.http.HttpTimeoutException e) {
        late.incrementAndGet();
      } catch (Exception e) {
        // refused or reset: a failed delivery to Feishu
      }
      non2xx.incrementAndGet();
      return false;
    }

    int unanswered() {
      int count = 0;
      for (int i = 0; i < answeredAt.length(); i++) {
        count += answeredAt.get(i) == 0 ? 1 : 0;
      }
      return count;
    }

    int mostDeliveriesNeeded() {
      int most = 0;
      for (int i = 0; i < answeredAt.length(); i++) {
        most = Math.max(most, answeredAt.get(i));
      }
      return most;
    }
  }

  /** A redelivery and when it is due. */
  private record Due(int event, long dueNanos) implements Delayed {
    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(dueNanos, ((Due) other).dueNanos);
    }
  }

  private static String get(HttpClient client, URI uri) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    if (uri.getPath().equals("/control")) {
      request.POST(HttpRequest.BodyPublishers.noBody());
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static Map<String, Long> stats(String text) {
    Map<String, Long> stats = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String[] kv = line.split("=", 2);
      if (kv.length == 2) {
        stats.put(kv[0], Long.parseLong(kv[1].trim()));
      }
    }
    return stats;
  }

  /** Sum of the bots' reply circuit-breaker openings, from their Prometheus scrapes. */
  private static double circuitOpenings(HttpClient client, List<URI> bots) throws Exception {
    double sum = 0;
    for (URI bot : bots) {
      for (String line : get(client, bot.resolve("/q/metrics")).split("\n")) {
        if (line.startsWith("ft_circuitbreaker_opened_total") && line.contains("reply")) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
    }
    return sum;
  }
}
