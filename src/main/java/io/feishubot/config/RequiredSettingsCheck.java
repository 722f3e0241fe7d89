package io.feishubot.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the configuration: an instance without its credentials cannot authenticate Feishu or
 * reply, so it must not receive traffic. In prod such an instance does not even start (see {@link
 * RequiredSettings}); in profiles that tolerate missing settings this check is what tells. The
 * answer names the missing keys and their variables, never a value.
 */
@Readiness
@ApplicationScoped
public class RequiredSettingsCheck implements HealthCheck {

  /** The check's name in {@code /q/health/ready}. */
  public static final String NAME = "feishu-config";

  private final FeishuConfig config;

  public RequiredSettingsCheck(FeishuConfig config) {
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    List<String> missing = RequiredSettings.missing(config);
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named(NAME)
            .status(missing.isEmpty())
            .withData("dryRun", config.dryRunEffective());
    if (!missing.isEmpty()) {
      response.withData("missing", String.join(", ", missing));
    }
    return response.build();
  }
}
