package io.feishubot.config;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Defaults the number of Vert.x event loops to one per available core instead of Quarkus's two.
 *
 * <p>A delivery is handled start to finish on the event loop that read it, and a reply goes out
 * through a client connection that may belong to another loop; with more loops than cores, those
 * hand-offs become context switches on the same core. On one pinned core, the /ping benchmark spent
 * 233 µs of CPU per event with two loops and 161 µs with one (BENCHMARKS.md). Blocking work never
 * runs on a loop, so a second loop per core buys nothing here.
 *
 * <p>The ordinal is below application.properties and the environment, so {@code
 * QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE} still overrides it.
 */
public final class EventLoopPerCore implements ConfigSource {

  static final String KEY = "quarkus.vertx.event-loops-pool-size";
  private static final int ORDINAL = 50;

  @Override
  public Set<String> getPropertyNames() {
    return Set.of(KEY);
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.of(KEY, value());
  }

  @Override
  public String getValue(String propertyName) {
    return KEY.equals(propertyName) ? value() : null;
  }

  @Override
  public String getName() {
    return "feishu-bot event-loop default";
  }

  @Override
  public int getOrdinal() {
    return ORDINAL;
  }

  private static String value() {
    // Read on each lookup: a container's CPU limit is what the JVM reports at run time.
    return Integer.toString(Runtime.getRuntime().availableProcessors());
  }
}
