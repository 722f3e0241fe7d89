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
 * every missing setting at once with the variable that sets it.
 */
@ApplicationScoped
public class RequiredSettings {

  private static final Logger LOG = Logger.getLogger(RequiredSettings.class);

  void onStart(@Observes StartupEvent event, FeishuConfig config) {
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
    require(config.appId(), "feishu.app-id", missing);
    require(config.appSecret(), "feishu.app-secret", missing);
    require(config.verificationToken(), "feishu.verification-token", missing);
    return missing;
  }

  private static void require(Optional<String> value, String key, List<String> missing) {
    if (value.filter(v -> !v.isBlank()).isEmpty()) {
      String env = key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
      missing.add(key + " (" + env + ")");
    }
  }
}
