package io.feishubot.testsupport;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;

/** Posts deliveries to the bot's event endpoint the way Feishu does. */
public final class EventEndpoint {

  public static final String PATH = "/feishu/events";

  private EventEndpoint() {}

  /** Delivers {@code event} signed and encrypted; call again for a redelivery. */
  public static Response deliver(Events.MessageEvent event) {
    return send(FeishuDelivery.of(event.json()).build());
  }

  public static Response send(FeishuDelivery delivery) {
    return given()
        .contentType("application/json")
        .headers(delivery.headers())
        .body(delivery.body())
        .post(PATH);
  }
}
