package io.feishubot.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class RequiredSettingsCheckTest {

  @Test
  void isDown_andNamesEveryMissingSetting_withoutValues() {
    HealthCheckResponse response =
        new RequiredSettingsCheck(
                config(
                    Map.of(
                        "feishu.require-credentials", "false",
                        "feishu.verification-token", "vt-secret-value")))
            .call();

    assertThat(response.getName()).isEqualTo("feishu-config");
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    String missing = response.getData().orElseThrow().get("missing").toString();
    assertThat(missing)
        .contains("feishu.app-id (FEISHU_APP_ID)")
        .contains("feishu.app-secret (FEISHU_APP_SECRET)")
        .doesNotContain("verification");
    assertThat(response.getData().orElseThrow().toString()).doesNotContain("vt-secret-value");
    assertThat(response.getData().orElseThrow()).containsEntry("dryRun", true);
  }

  @Test
  void isUp_whenEveryRequiredSettingIsPresent() {
    HealthCheckResponse response =
        new RequiredSettingsCheck(
                config(
                    Map.of(
                        "feishu.app-id", "cli_1",
                        "feishu.app-secret", "s",
                        "feishu.verification-token", "t")))
            .call();

    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(response.getData().orElseThrow()).doesNotContainKey("missing");
  }

  @Test
  void blankValues_countAsMissing() {
    HealthCheckResponse response =
        new RequiredSettingsCheck(
                config(
                    Map.of(
                        "feishu.app-id", "cli_1",
                        "feishu.app-secret", "  ",
                        "feishu.verification-token", "t")))
            .call();

    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
  }

  private static FeishuConfig config(Map<String, String> properties) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(FeishuConfig.class)
            // Quarkus' own converter reads the short forms ("24h") the defaults use.
            .withConverter(Duration.class, 200, new DurationConverter())
            .withSources(new PropertiesConfigSource(properties, "test", 500))
            .build();
    return config.getConfigMapping(FeishuConfig.class);
  }
}
