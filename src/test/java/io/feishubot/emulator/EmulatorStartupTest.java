package io.feishubot.emulator;

import static io.feishubot.emulator.EmulatorAccessTest.emulator;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.LaunchMode;
import org.junit.jupiter.api.Test;

class EmulatorStartupTest {

  @Test
  void enabledInProdWithoutToken_refusesToStart_namingTheVariable() {
    assertThatThrownBy(() -> EmulatorStartup.check(emulator(true, null), LaunchMode.NORMAL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("FEISHU_EMULATOR_TOKEN");
    assertThatThrownBy(() -> EmulatorStartup.check(emulator(true, "  "), LaunchMode.NORMAL))
        .hasMessageContaining("FEISHU_EMULATOR_TOKEN");
  }

  @Test
  void aShortToken_refusesToStart_inEveryMode() {
    assertThatThrownBy(() -> EmulatorStartup.check(emulator(true, "short"), LaunchMode.NORMAL))
        .hasMessageContaining("at least 16");
    assertThatThrownBy(() -> EmulatorStartup.check(emulator(true, "short"), LaunchMode.DEVELOPMENT))
        .hasMessageContaining("at least 16");
  }

  @Test
  void theseStart() {
    assertThatCode(() -> EmulatorStartup.check(emulator(false, null), LaunchMode.NORMAL))
        .doesNotThrowAnyException();
    assertThatCode(() -> EmulatorStartup.check(emulator(true, null), LaunchMode.DEVELOPMENT))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                EmulatorStartup.check(emulator(true, EmulatorAccessTest.TOKEN), LaunchMode.NORMAL))
        .doesNotThrowAnyException();
  }
}
