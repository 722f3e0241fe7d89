package io.feishubot.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.feishubot.config.FeishuConfig;
import io.feishubot.emulator.EmulatorAccess.Decision;
import io.feishubot.emulator.EmulatorAccess.Request;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmulatorAccessTest {

  static final String TOKEN = "0123456789abcdef-token";

  static FeishuConfig.Emulator emulator(boolean enabled, String token) {
    return new FeishuConfig.Emulator() {
      @Override
      public boolean enabled() {
        return enabled;
      }

      @Override
      public Optional<String> token() {
        return Optional.ofNullable(token);
      }
    };
  }

  private static Request get(String path) {
    return new Request(path, "GET", null, null, null, null);
  }

  @Test
  void disabled_isNotFound_everywhere_evenWithTheToken() {
    EmulatorAccess access = new EmulatorAccess(emulator(false, TOKEN), true);
    assertThat(access.decide(get("/dev/emulator"))).isEqualTo(Decision.NOT_FOUND);
    assertThat(access.decide(new Request("/dev/emulator", "GET", TOKEN, null, null, null)))
        .isEqualTo(Decision.NOT_FOUND);
    assertThat(access.decide(get("/dev/fake-open-api/open-apis/im/v1/messages")))
        .isEqualTo(Decision.NOT_FOUND);
  }

  @Test
  void devModeWithoutToken_isOpen() {
    EmulatorAccess access = new EmulatorAccess(emulator(true, null), true);
    assertThat(access.decide(get("/dev/emulator"))).isEqualTo(Decision.PASS);
  }

  @Test
  void outsideDevMode_aTokenIsAlwaysRequired_evenIfNoneIsConfigured() {
    EmulatorAccess access = new EmulatorAccess(emulator(true, null), false);
    assertThat(access.decide(get("/dev/emulator"))).isEqualTo(Decision.UNAUTHORIZED);
    assertThat(access.decide(new Request("/dev/emulator", "GET", "", "", "", null)))
        .isEqualTo(Decision.UNAUTHORIZED);
  }

  @Test
  void theToken_opensThePage_byHeaderCookieOrOnceByQuery() {
    EmulatorAccess access = new EmulatorAccess(emulator(true, TOKEN), false);
    assertThat(access.decide(new Request("/dev/emulator", "GET", TOKEN, null, null, null)))
        .isEqualTo(Decision.PASS);
    assertThat(access.decide(new Request("/dev/emulator", "GET", null, TOKEN, null, null)))
        .isEqualTo(Decision.PASS);
    assertThat(access.decide(new Request("/dev/emulator", "GET", null, null, TOKEN, null)))
        .isEqualTo(Decision.REMEMBER_TOKEN);
    // Only the page takes it from the URL, where it is swapped for a cookie at once.
    assertThat(
            access.decide(new Request("/dev/emulator/api/state", "GET", null, null, TOKEN, null)))
        .isEqualTo(Decision.UNAUTHORIZED);
    assertThat(access.decide(new Request("/dev/emulator", "GET", TOKEN + "x", null, null, null)))
        .isEqualTo(Decision.UNAUTHORIZED);
  }

  @Test
  void theFakeOpenApi_needsNoEmulatorToken() {
    EmulatorAccess access = new EmulatorAccess(emulator(true, TOKEN), false);
    assertThat(
            access.decide(
                new Request(
                    "/dev/fake-open-api/open-apis/im/v1/messages",
                    "POST",
                    null,
                    null,
                    null,
                    "application/json")))
        .isEqualTo(Decision.PASS);
  }

  @Test
  void stateChangingCalls_mustBeJson() {
    EmulatorAccess access = new EmulatorAccess(emulator(true, null), true);
    assertThat(
            access.decide(
                new Request("/dev/emulator/api/reset", "POST", null, null, null, "text/plain")))
        .isEqualTo(Decision.UNSUPPORTED_MEDIA_TYPE);
    assertThat(
            access.decide(new Request("/dev/emulator/api/reset", "POST", null, null, null, null)))
        .isEqualTo(Decision.UNSUPPORTED_MEDIA_TYPE);
    assertThat(
            access.decide(
                new Request(
                    "/dev/emulator/api/reset",
                    "POST",
                    null,
                    null,
                    null,
                    "application/json; charset=utf-8")))
        .isEqualTo(Decision.PASS);
  }
}
