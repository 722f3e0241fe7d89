package io.feishubot.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real Alertmanager (Debian's 0.25) for end-to-end tests, configured with the shipped example
 * {@code infra/alertmanager/alertmanager.yml} pointed at the bot under test: the example's host
 * becomes the bot's URL, its credentials file holds the test's alerts token, and its waits shrink
 * to a second. As a test resource it only reserves Alertmanager's port and tells the bot about it
 * ({@code feishu.alertmanager.url}), because the bot's own port is known only once it runs: the
 * test starts Alertmanager with {@link #start(String)}.
 */
public class Alertmanager implements QuarkusTestResourceLifecycleManager {

  public static final Path EXAMPLE = Path.of("infra", "alertmanager", "alertmanager.yml");

  private static final String EXAMPLE_HOST = "https://feishu-bot.example.com";
  private static final String EXAMPLE_CREDENTIALS = "/etc/alertmanager/secrets/feishu-alerts-token";

  private static int port;

  @Override
  public Map<String, String> start() {
    port = PeerProcess.freePort();
    return Map.of("feishu.alertmanager.url", "http://127.0.0.1:" + port);
  }

  @Override
  public void stop() {}

  /** Starts Alertmanager on the reserved port, delivering to the bot at {@code botUrl}. */
  public static PeerProcess start(String botUrl) {
    try {
      Path dir = PeerProcess.workDir("alertmanager");
      Path token = dir.resolve("feishu-alerts-token");
      Files.writeString(token, AlertsConfig.TOKEN);
      Path config = dir.resolve("alertmanager.yml");
      Files.writeString(config, configFor(botUrl, token));
      return PeerProcess.start(
          "alertmanager",
          port,
          List.of(
              MonitoringBinaries.require(MonitoringBinaries.ALERTMANAGER).toString(),
              "--config.file=" + config,
              "--storage.path=" + dir.resolve("data"),
              "--web.listen-address=127.0.0.1:" + port,
              "--web.external-url=http://127.0.0.1:" + port,
              // No gossip: a single instance on loopback.
              "--cluster.listen-address="));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The shipped example, pointed at {@code botUrl}, with {@code token} and one-second waits. */
  static String configFor(String botUrl, Path token) throws IOException {
    String config = Files.readString(EXAMPLE);
    config = replaced(config, EXAMPLE_HOST, botUrl);
    config = replaced(config, EXAMPLE_CREDENTIALS, token.toString());
    config = replaced(config, "group_wait: 30s", "group_wait: 1s");
    return replaced(config, "group_interval: 5m", "group_interval: 1s");
  }

  /** Replaces {@code what}, which the example must contain (so that it cannot drift unseen). */
  private static String replaced(String config, String what, String with) {
    if (!config.contains(what)) {
      throw new IllegalStateException(EXAMPLE + " no longer contains " + what);
    }
    return config.replace(what, with);
  }
}
