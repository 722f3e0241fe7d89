package io.feishubot.idempotency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.feishubot.testsupport.Dynalite;
import io.feishubot.testsupport.DynaliteTestResource;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.InjectDynalite;
import io.feishubot.testsupport.RequiresDynalite;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The app boots with {@code feishu.idempotency.store=dynamodb}, creates its table at startup and
 * reports ready only because DescribeTable on that table succeeds.
 */
@QuarkusTest
@QuarkusTestResource(value = DynaliteTestResource.class, restrictToAnnotatedClass = true)
// Complete settings, so that readiness is about the store alone (feishu-config is UP).
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
@RequiresDynalite
class DynamoDbStoreReadinessTest {

  @Inject IdempotencyStore store;

  @InjectDynalite Dynalite dynalite;

  @Test
  void isReady_whenTableCreatedAtStartupIsActive() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'idempotency-store' }.status", is("UP"))
        .body("checks.find { it.name == 'idempotency-store' }.data.store", is("dynamodb"))
        .body(
            "checks.find { it.name == 'idempotency-store' }.data.table",
            is("feishu-bot-idempotency"))
        .body("checks.find { it.name == 'idempotency-store' }.data.tableStatus", is("ACTIVE"));
  }

  @Test
  void injectsDynamoDbStore_thatClaimsAgainstTheServer() {
    IdempotencyKey key = new IdempotencyKey("cli_boot", "ev_" + UUID.randomUUID());
    Instant now = Instant.now();
    assertInstanceOf(ClaimResult.Claimed.class, store.claim(key, now, now.plusSeconds(3)));
    assertInstanceOf(ClaimResult.Taken.class, store.claim(key, now, now.plusSeconds(3)));
    assertEquals(Optional.of(new ClaimStatus.InProgress()), store.find(key, now));
  }

  @Test
  void isNotReady_whileServerIsDown_andReadyAgainOnceItIsBack() {
    dynalite.stop();
    try {
      given()
          .when()
          .get("/q/health/ready")
          .then()
          .statusCode(503)
          .body("checks.find { it.name == 'idempotency-store' }.status", is("DOWN"));
    } finally {
      dynalite.start();
    }
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'idempotency-store' }.status", is("UP"));
  }
}
