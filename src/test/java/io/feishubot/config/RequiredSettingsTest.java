package io.feishubot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequiredSettingsTest {

  @Test
  void namesEveryMissingSetting_withItsEnvironmentVariable() {
    FeishuConfig config = config(Map.of());
    assertThat(RequiredSettings.missing(config))
        .containsExactly(
            "feishu.app-id (FEISHU_APP_ID)",
            "feishu.app-secret (FEISHU_APP_SECRET)",
            "feishu.verification-token (FEISHU_VERIFICATION_TOKEN)");
    assertThatThrownBy(() -> new RequiredSettings().onStart(null, config))
        .hasMessageContaining("FEISHU_APP_ID")
        .hasMessageContaining("FEISHU_VERIFICATION_TOKEN");
  }

  @Test
  void blankValuesCountAsMissing_andCompleteSettingsPass() {
    assertThat(RequiredSettings.missing(config(Map.of("feishu.app-id", " "))))
        .contains("feishu.app-id (FEISHU_APP_ID)");
    FeishuConfig complete =
        config(
            Map.of(
                "feishu.app-id", "cli_1",
                "feishu.app-secret", "s",
                "feishu.verification-token", "v"));
    assertThat(RequiredSettings.missing(complete)).isEmpty();
    new RequiredSettings().onStart(null, complete);
  }

  @Test
  void alertsOnly_aCustomBotAndTheAlertsToken_needNoApp() {
    FeishuConfig alertsOnly =
        config(
            Map.of(
                "feishu.webhook.url", "https://open.feishu.cn/open-apis/bot/v2/hook/x",
                "feishu.alerts.token", "t"));
    assertThat(RequiredSettings.alertsOnly(alertsOnly)).isTrue();
    assertThat(RequiredSettings.missing(alertsOnly)).isEmpty();
    new RequiredSettings().onStart(null, alertsOnly);

    // Half an app is a mistake, not an alerts-only deployment: every missing app setting is named.
    FeishuConfig halfAnApp =
        config(
            Map.of(
                "feishu.webhook.url", "https://open.feishu.cn/open-apis/bot/v2/hook/x",
                "feishu.alerts.token", "t",
                "feishu.app-id", "cli_1"));
    assertThat(RequiredSettings.missing(halfAnApp))
        .containsExactly(
            "feishu.app-secret (FEISHU_APP_SECRET)",
            "feishu.verification-token (FEISHU_VERIFICATION_TOKEN)");
    // A hook without the token that lets Alertmanager in is no deployment either.
    assertThat(
            RequiredSettings.missing(
                config(
                    Map.of(
                        "feishu.webhook.url", "https://open.feishu.cn/open-apis/bot/v2/hook/x"))))
        .hasSize(3);
  }

  @Test
  void startsWithoutCredentials_whenTheProfileAllowsIt() {
    new RequiredSettings().onStart(null, config(Map.of("feishu.require-credentials", "false")));
  }

  @Test
  void defaults_matchTheDocumentation() {
    FeishuConfig config = config(Map.of());
    assertThat(config.apiBaseUrl().toString()).isEqualTo("https://open.feishu.cn");
    assertThat(config.ackDeadline()).isEqualTo(Duration.ofMillis(2500));
    assertThat(config.signature().maxAge()).isEqualTo(Duration.ofHours(24));
    assertThat(config.signature().maxFutureSkew()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.idempotency().store()).isEqualTo(FeishuConfig.Idempotency.StoreKind.MEMORY);
    assertThat(config.alerts().deadline()).isEqualTo(Duration.ofSeconds(8));
    assertThat(config.alerts().token()).isEmpty();
    assertThat(config.alerts().chatId()).isEmpty();
    assertThat(config.webhook().url()).isEmpty();
    assertThat(config.webhook().secret()).isEmpty();
    assertThat(config.alertmanager().url()).isEmpty();
    assertThat(config.dryRunEffective()).isTrue();
    assertThat(config(Map.of("feishu.app-id", "a", "feishu.app-secret", "b")).dryRunEffective())
        .isFalse();
  }

  static FeishuConfig config(Map<String, String> values) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(FeishuConfig.class)
            // Quarkus reads "24h" and "2500ms"; plain SmallRye needs its converter for that.
            .withConverter(Duration.class, 200, new DurationConverter())
            .withSources(new PropertiesConfigSource(values, "test", 500))
            .build();
    return config.getConfigMapping(FeishuConfig.class);
  }
}
