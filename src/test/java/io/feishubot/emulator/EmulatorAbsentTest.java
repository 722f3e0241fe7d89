package io.feishubot.emulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.feishubot.testsupport.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * In the prod profile, with every required setting and nothing about the emulator, neither the
 * page, its API nor the fake Open API exists: each answers exactly as a path that never existed,
 * for every method and however it is spelled. {@code EmulatorAbsentIT} asks the packaged jar.
 */
@QuarkusTest
@TestProfile(EmulatorAbsentTest.Prod.class)
class EmulatorAbsentTest {

  /** The prod profile, configured as a deployment would be. */
  public static class Prod implements QuarkusTestProfile {
    @Override
    public String getConfigProfile() {
      return "prod";
    }

    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "feishu.app-id", TestKeys.APP_ID,
          "feishu.app-secret", TestKeys.APP_SECRET,
          "feishu.verification-token", TestKeys.VERIFICATION_TOKEN,
          "feishu.encrypt-key", TestKeys.ENCRYPT_KEY,
          "feishu.api-base-url", "http://127.0.0.1:9");
    }
  }

  private static final List<String> PATHS =
      List.of(
          "/dev/emulator",
          "/dev/emulator/assets/emulator.js",
          "/dev/emulator/api/state",
          "/dev/emulator/api/messages",
          "/dev/emulator/api/reset",
          "/dev/fake-open-api/open-apis/auth/v3/tenant_access_token/internal",
          "/dev/fake-open-api/open-apis/im/v1/messages",
          "/dev/%65mulator",
          "/dev/emulator/?token=anything");

  @Test
  void everyEmulatorPath_answersLikeAPathThatNeverExisted() {
    Response never = given().get("/no-such-path");
    assertThat(never.statusCode()).isEqualTo(404);
    for (String path : PATHS) {
      for (String method : List.of("GET", "POST", "PUT", "PATCH")) {
        Response response =
            given()
                .urlEncodingEnabled(false)
                .contentType("application/json")
                .body("{}")
                .request(method, path);
        assertThat(response.statusCode()).as("%s %s", method, path).isEqualTo(404);
        assertThat(response.body().asString())
            .as("%s %s", method, path)
            .isEqualTo(never.body().asString());
      }
    }
  }

  @Test
  void theBotItselfRuns() {
    given().get("/q/health/live").then().statusCode(200);
  }
}
