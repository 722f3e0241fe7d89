package io.feishubot.idempotency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The default boots with the in-memory store and no AWS settings at all, and is ready. */
@QuarkusTest
class MemoryStoreReadinessTest {

  @Test
  void isReady_withInMemoryStoreAndNoAwsSettings() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.is("UP"))
        .body(
            "checks.find { it.name == 'idempotency-store' }.status", org.hamcrest.Matchers.is("UP"))
        .body(
            "checks.find { it.name == 'idempotency-store' }.data.store",
            org.hamcrest.Matchers.is("memory"))
        .body("checks.name", hasItem("idempotency-store"));
  }
}
