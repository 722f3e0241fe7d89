package io.feishubot.emulator;

import io.feishubot.config.FeishuConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.Instance;
import java.net.URI;
import org.jboss.logging.Logger;

/**
 * Refuses to start an emulator that could be reached without a secret outside dev mode (it signs
 * deliveries with the app's own Encrypt Key), and prints where the emulator is once the HTTP server
 * listens.
 */
@ApplicationScoped
public class EmulatorStartup {

  private static final Logger LOG = Logger.getLogger(EmulatorStartup.class);

  private final FeishuConfig config;
  private final Instance<HttpServer> server;

  public EmulatorStartup(FeishuConfig config, Instance<HttpServer> server) {
    this.config = config;
    this.server = server;
  }

  void check(@Observes StartupEvent event) {
    check(config.emulator(), LaunchMode.current());
  }

  /** The rules, apart from CDI so they can be tested on their own. */
  static void check(FeishuConfig.Emulator emulator, LaunchMode mode) {
    if (!emulator.enabled()) {
      return;
    }
    boolean hasToken = emulator.token().filter(token -> !token.isBlank()).isPresent();
    if (mode == LaunchMode.NORMAL && !hasToken) {
      throw new IllegalStateException(
          "feishu-bot cannot start: feishu.emulator.enabled outside dev mode needs"
              + " feishu.emulator.token (FEISHU_EMULATOR_TOKEN), a secret of at least "
              + EmulatorAccess.MIN_TOKEN_LENGTH
              + " characters");
    }
    if (hasToken && emulator.token().get().length() < EmulatorAccess.MIN_TOKEN_LENGTH) {
      throw new IllegalStateException(
          "feishu-bot cannot start: feishu.emulator.token (FEISHU_EMULATOR_TOKEN) must have at"
              + " least "
              + EmulatorAccess.MIN_TOKEN_LENGTH
              + " characters");
    }
  }

  void announce(@ObservesAsync HttpServerStart started) {
    if (!config.emulator().enabled()) {
      return;
    }
    URI base = server.get().getLocalBaseUri();
    if (LaunchMode.current() == LaunchMode.NORMAL) {
      // Loud on purpose: an emulator in prod should be a deliberate, visible choice.
      LOG.warnf("the emulator is enabled at %s (token required)", base.resolve(EmulatorPage.ROOT));
      return;
    }
    boolean captured = config.apiBaseUrl().getPath().endsWith(FakeOpenApiResource.ROOT);
    LOG.infof(
        "Feishu emulator: %s (chat with the bot; %s)",
        base.resolve(EmulatorPage.ROOT),
        captured
            ? "its replies are captured by the fake Open API at " + config.apiBaseUrl()
            : "its replies go to " + config.apiBaseUrl() + ", not to the emulator");
  }
}
