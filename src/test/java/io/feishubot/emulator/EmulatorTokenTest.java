package io.feishubot.emulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;

import io.feishubot.testsupport.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code feishu.emulator.token} set (as it must be outside dev mode) the page and its API open
 * only with the token; the fake Open API stays reachable for the bot, guarded by the app's own
 * credentials as the real one is.
 */
@QuarkusTest
@TestProfile(EmulatorTokenTest.WithToken.class)
class EmulatorTokenTest {

  static final String TOKEN = "emulator-token-0123456789";

  /** The emulator profile plus a token. */
  public static class WithToken extends EmulatorProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
      overrides.put("feishu.emulator.token", TOKEN);
      return overrides;
    }
  }

  @Test
  void withoutTheToken_everyEmulatorPathIs401() {
    given().get("/dev/emulator").then().statusCode(401).body("error", equalTo("unauthorized"));
    given().get("/dev/emulator/api/state").then().statusCode(401);
    given()
        .header(EmulatorRoutes.TOKEN_HEADER, "emulator-token-guess00000")
        .get("/dev/emulator")
        .then()
        .statusCode(401);
    given()
        .contentType("application/json")
        .body("{\"text\":\"/ping\"}")
        .post("/dev/emulator/api/messages")
        .then()
        .statusCode(401);
    // However the path is spelled, the gate sees what JAX-RS would route.
    given().urlEncodingEnabled(false).get("/dev/%65mulator/api/state").then().statusCode(401);
    given().urlEncodingEnabled(false).get("/dev/emulator/./api/state").then().statusCode(401);
  }

  @Test
  void theTokenOpensIt_asAHeader_orOnceInTheUrl_thenAsACookie() {
    given()
        .header(EmulatorRoutes.TOKEN_HEADER, TOKEN)
        .get("/dev/emulator/api/state")
        .then()
        .statusCode(200);
    String cookie =
        given()
            .config(
                RestAssuredConfig.config()
                    .redirect(RedirectConfig.redirectConfig().followRedirects(false)))
            .get("/dev/emulator?token=" + TOKEN)
            .then()
            .statusCode(303)
            .header("Location", "/dev/emulator")
            .header(
                "Set-Cookie",
                allOf(
                    containsString(EmulatorRoutes.TOKEN_COOKIE + "="),
                    containsStringIgnoringCase("HttpOnly"),
                    containsStringIgnoringCase("SameSite=Strict")))
            .extract()
            .cookie(EmulatorRoutes.TOKEN_COOKIE);
    given().cookie(EmulatorRoutes.TOKEN_COOKIE, cookie).get("/dev/emulator").then().statusCode(200);
    given().get("/dev/emulator?token=wrong-token-000000000").then().statusCode(401);
  }

  @Test
  void theFakeOpenApi_isGuardedByTheAppsCredentialsInstead() {
    given()
        .contentType("application/json")
        .body("{\"app_id\":\"" + TestKeys.APP_ID + "\",\"app_secret\":\"guess\"}")
        .post(FakeOpenApiResource.ROOT + "/open-apis/auth/v3/tenant_access_token/internal")
        .then()
        .statusCode(200)
        .body("code", equalTo(10014));
  }
}
