package io.feishubot.idempotency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The default boots with the in-memory store and no AWS settings at all, and is ready. */
@QuarkusTest
class MemoryStoreReadinessTest {

  @Inject IdempotencyStore store;

  @Test
  void isReady_withInMemoryStoreAndNoAwsSettings() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", is("UP"))
        .body("checks.find { it.name == 'idempotency-store' }.status", is("UP"))
        .body("checks.find { it.name == 'idempotency-store' }.data.store", is("memory"));
  }

  @Test
  void injectsInMemoryStore_byDefault() {
    assertInstanceOf(InMemoryIdempotencyStore.class, ClientProxy.unwrap(store));
  }
}
