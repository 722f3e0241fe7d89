package io.feishubot.emulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.feishubot.testsupport.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake Open API keeps the real API's contract, the one {@code FakeFeishuOpenApi} (WireMock)
 * plays for the other tests: credentials for a token, the token for every message call, Feishu's
 * codes for what is wrong, and a {@code uuid} that posts at most once.
 */
@QuarkusTest
@TestProfile(EmulatorProfile.class)
class FakeOpenApiContractTest {

  private static final String BASE = FakeOpenApiResource.ROOT + "/open-apis";
  private static final String TOKEN = BASE + "/auth/v3/tenant_access_token/internal";
  private static final String MESSAGES = BASE + "/im/v1/messages";

  private String token;

  @BeforeEach
  void freshToken() {
    EmulatorApiTest.post("/reset", "{}").statusCode(200);
    token =
        json()
            .body(credentials(TestKeys.APP_SECRET))
            .post(TOKEN)
            .then()
            .statusCode(200)
            .body("code", equalTo(0))
            .body("expire", equalTo(7200))
            .extract()
            .path("tenant_access_token");
  }

  @Test
  void token_needsTheAppsCredentials() {
    json()
        .body(credentials("wrong-secret"))
        .post(TOKEN)
        .then()
        .statusCode(200)
        .body("code", equalTo(10014));
    assertThat(token).startsWith("t-");
  }

  @Test
  void messageCalls_needTheToken() {
    json()
        .body(send("oc_emulator_group", "u-1"))
        .post(MESSAGES + "?receive_id_type=chat_id")
        .then()
        .statusCode(400)
        .body("code", equalTo(99991663));
    authorized("Bearer t-guessed")
        .body(send("oc_emulator_group", "u-1"))
        .post(MESSAGES + "?receive_id_type=chat_id")
        .then()
        .statusCode(400)
        .body("code", equalTo(99991663));
  }

  @Test
  void aUuid_postsAtMostOnce() {
    String first =
        authorized()
            .body(send("oc_emulator_group", "uuid-42"))
            .post(MESSAGES + "?receive_id_type=chat_id")
            .then()
            .statusCode(200)
            .body("code", equalTo(0))
            .body("data.message_id", startsWith("om_"))
            .extract()
            .path("data.message_id");
    authorized()
        .body(send("oc_emulator_group", "uuid-42"))
        .post(MESSAGES + "?receive_id_type=chat_id")
        .then()
        .statusCode(200)
        .body("data.message_id", equalTo(first));
    assertThat(EmulatorApiTest.state().getList("messages")).hasSize(1);
  }

  @Test
  void wrongRequests_getFeishusCodes() {
    authorized()
        .body(send("oc_emulator_group", "u-2"))
        .post(MESSAGES)
        .then()
        .statusCode(400)
        .body("code", equalTo(99992402));
    authorized()
        .body(send("not-a-chat", "u-3"))
        .post(MESSAGES + "?receive_id_type=chat_id")
        .then()
        .statusCode(400)
        .body("code", equalTo(99992402));
    authorized()
        .body(
            "{\"receive_id\":\"oc_emulator_group\",\"msg_type\":\"interactive\","
                + "\"content\":\"{not a card\"}")
        .post(MESSAGES + "?receive_id_type=chat_id")
        .then()
        .statusCode(400)
        .body("code", equalTo(230099));
    String tooLong = "{\\\"text\\\":\\\"" + "x".repeat(150 * 1024) + "\\\"}";
    authorized()
        .body(
            "{\"receive_id\":\"oc_emulator_group\",\"msg_type\":\"text\",\"content\":\""
                + tooLong
                + "\"}")
        .post(MESSAGES + "?receive_id_type=chat_id")
        .then()
        .statusCode(400)
        .body("code", equalTo(230025));
    authorized()
        .body("{\"content\":\"{}\"}")
        .patch(MESSAGES + "/om_unknown")
        .then()
        .statusCode(400)
        .body("code", equalTo(99992402));
  }

  @Test
  void update_replacesACardInPlace() {
    String card = "{\\\"schema\\\":\\\"2.0\\\",\\\"header\\\":{\\\"template\\\":\\\"grey\\\"}}";
    String id =
        authorized()
            .body(
                "{\"receive_id\":\"oc_emulator_group\",\"msg_type\":\"interactive\","
                    + "\"content\":\""
                    + card
                    + "\",\"uuid\":\"u-card\"}")
            .post(MESSAGES + "?receive_id_type=chat_id")
            .then()
            .statusCode(200)
            .extract()
            .path("data.message_id");
    authorized()
        .body("{\"content\":\"" + card.replace("grey", "green") + "\"}")
        .patch(MESSAGES + "/" + id)
        .then()
        .statusCode(200)
        .body("code", equalTo(0));
    var messages = EmulatorApiTest.state().getList("messages");
    assertThat(messages).hasSize(1);
    assertThat(EmulatorApiTest.state().getInt("messages[0].version")).isEqualTo(2);
    assertThat(EmulatorApiTest.state().getString("messages[0].content.header.template"))
        .isEqualTo("green");
  }

  private RequestSpecification authorized() {
    return authorized("Bearer " + token);
  }

  private static RequestSpecification authorized(String authorization) {
    return json().header("Authorization", authorization);
  }

  private static RequestSpecification json() {
    return given().contentType("application/json; charset=utf-8");
  }

  private static String credentials(String secret) {
    return "{\"app_id\":\"" + TestKeys.APP_ID + "\",\"app_secret\":\"" + secret + "\"}";
  }

  private static String send(String chatId, String uuid) {
    return "{\"receive_id\":\""
        + chatId
        + "\",\"msg_type\":\"text\","
        + "\"content\":\"{\\\"text\\\":\\\"hi\\\"}\",\"uuid\":\""
        + uuid
        + "\"}";
  }
}
