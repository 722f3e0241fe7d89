package io.feishubot.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Refuses to start a production instance that could not authenticate Feishu or reply, and names
 * every missing setting at once with the variable that sets it. An alerts-only deployment (a custom
 * bot and the alerts token, no app) needs no app settings.
 */
@ApplicationScoped
public class RequiredSettings {

  private static final Logger LOG = Logger.getLogger(RequiredSettings.class);

  void onStart(@Observes StartupEvent event, FeishuConfig config) {
    if (alertsOnly(config)) {
      LOG.info(
          "alerts only: Alertmanager notifications go to the custom bot (FEISHU_WEBHOOK_URL);"
              + " no app is configured, so /feishu/events accepts nothing");
      return;
    }
    List<String> missing = missing(config);
    if (!missing.isEmpty() && config.requireCredentials()) {
      throw new IllegalStateException(
          "feishu-bot cannot start, missing settings: " + String.join(", ", missing));
    }
    if (!missing.isEmpty()) {
      LOG.warnf("missing settings (tolerated in this profile): %s", String.join(", ", missing));
    }
    if (config.encryptKey().filter(key -> !key.isEmpty()).isEmpty()) {
      LOG.warn(
          "!!! FEISHU_ENCRYPT_KEY is not set: deliveries are neither signed nor encrypted and only"
              + " the verification token authenticates them. Set an Encrypt Key in the Feishu"
              + " console and here. !!!");
    }
  }

  /** Each missing required setting as {@code key (ENV_VAR)}. */
  public static List<String> missing(FeishuConfig config) {
    List<String> missing = new ArrayList<>();
    if (alertsOnly(config)) {
      return missing;
    }
    require(config.appId(), "feishu.app-id", missing);
    require(config.appSecret(), "feishu.app-secret", missing);
    require(config.verificationToken(), "feishu.verification-token", missing);
    return missing;
  }

  /**
   * A deployment for a team without an app: it only posts Alertmanager's notifications through a
   * group's custom bot. It has the hook and the alerts token and no app setting at all, so it needs
   * none of the app's.
   */
  public static boolean alertsOnly(FeishuConfig config) {
    return isBlank(config.appId())
        && isBlank(config.appSecret())
        && isBlank(config.verificationToken())
        && !isBlank(config.webhook().url())
        && !isBlank(config.alerts().token());
  }

  private static boolean isBlank(Optional<String> value) {
    return value.filter(v -> !v.isBlank()).isEmpty();
  }

  private static void require(Optional<String> value, String key, List<String> missing) {
    if (value.filter(v -> !v.isBlank()).isEmpty()) {
      String env = key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
      missing.add(key + " (" + env + ")");
    }
  }
}
