package io.feishubot.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.FeishuDelivery;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The endpoint behind API Gateway HTTP API (payload format 2.0): raw Lambda events, as API Gateway
 * builds them, go straight to the Lambda handler through the mock event server's {@code /_lambda_}
 * entry. API Gateway base64-encodes bodies it does not consider text and lower-cases header names;
 * the signature must still be checked over the exact bytes Feishu sent.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
class ApiGatewayHttpApiEventTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void base64Body_withLowerCasedHeaders_isVerifiedOverTheDecodedBytes() throws IOException {
    Events.MessageEvent event = Events.message("/ping");
    FeishuDelivery delivery = FeishuDelivery.of(event.json()).build();

    JsonNode response = invoke(apiGatewayEvent(delivery, delivery.body(), true));

    assertThat(response.path("statusCode").asInt()).isEqualTo(200);
    assertThat(responseBody(response)).isEqualTo("{\"msg\":\"success\"}");
    assertThat(repliesTo(event.messageId())).hasSize(1);
  }

  @Test
  void exactBytesMatter_unicodeAndWhitespaceSurviveBase64() throws IOException {
    // A signed plaintext body with non-ASCII text, odd spacing and a trailing newline: any
    // re-encoding or re-serialisation on the way would break the signature.
    Events.MessageEvent event = Events.message("/ping 你好，飞书");
    String spaced = event.json().replace(",", " ,\t") + "\n";
    FeishuDelivery delivery = FeishuDelivery.of(spaced).plaintext().build();

    JsonNode response = invoke(apiGatewayEvent(delivery, delivery.body(), true));

    assertThat(response.path("statusCode").asInt()).isEqualTo(200);
    assertThat(repliesTo(event.messageId())).hasSize(1);
  }

  @Test
  void textBody_notBase64Encoded_isVerifiedToo() throws IOException {
    Events.MessageEvent event = Events.message("/ping");
    FeishuDelivery delivery = FeishuDelivery.of(event.json()).build();

    JsonNode response = invoke(apiGatewayEvent(delivery, delivery.body(), false));

    assertThat(response.path("statusCode").asInt()).isEqualTo(200);
    assertThat(repliesTo(event.messageId())).hasSize(1);
  }

  @Test
  void oneChangedByte_isRejected() throws IOException {
    Events.MessageEvent event = Events.message("/ping");
    FeishuDelivery delivery = FeishuDelivery.of(event.json()).plaintext().build();
    byte[] tampered = delivery.body().clone();
    int at = delivery.bodyText().indexOf("/ping");
    tampered[at + 1] = (byte) 'P';

    JsonNode response = invoke(apiGatewayEvent(delivery, tampered, true));

    assertThat(response.path("statusCode").asInt()).isEqualTo(401);
    assertThat(responseBody(response)).isEqualTo("{\"error\":\"unauthorized\"}");
    assertThat(repliesTo(event.messageId())).isEmpty();
  }

  @Test
  void theFixture_isAnApiGatewayV2Event() throws IOException {
    APIGatewayV2HTTPEvent parsed =
        JSON.readValue(template().toString(), APIGatewayV2HTTPEvent.class);
    assertThat(parsed.getVersion()).isEqualTo("2.0");
    assertThat(parsed.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
    assertThat(parsed.getHeaders().keySet())
        .allMatch(name -> name.equals(name.toLowerCase(Locale.ROOT)));
  }

  /** The fixture with the delivery's body and signature headers, names lower-cased. */
  private static ObjectNode apiGatewayEvent(FeishuDelivery delivery, byte[] body, boolean base64)
      throws IOException {
    ObjectNode event = template();
    ObjectNode headers = (ObjectNode) event.path("headers");
    for (Map.Entry<String, String> header : delivery.headers().entrySet()) {
      headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue());
    }
    headers.put("content-length", Integer.toString(body.length));
    event.put(
        "body",
        base64
            ? Base64.getEncoder().encodeToString(body)
            : new String(body, StandardCharsets.UTF_8));
    event.put("isBase64Encoded", base64);
    return event;
  }

  private static ObjectNode template() throws IOException {
    try (InputStream in =
        ApiGatewayHttpApiEventTest.class.getResourceAsStream("/apigateway/http-api-v2-post.json")) {
      return (ObjectNode) JSON.readTree(in);
    }
  }

  /** Posts a raw event to the Lambda handler and returns its raw API Gateway response. */
  private static JsonNode invoke(ObjectNode event) throws IOException {
    String response =
        given()
            .contentType("application/json")
            .body(JSON.writeValueAsString(event))
            .post("/_lambda_")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    return JSON.readTree(response);
  }

  private static String responseBody(JsonNode response) {
    String body = response.path("body").asText();
    return response.path("isBase64Encoded").asBoolean()
        ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8)
        : body;
  }

  private static List<LoggedRequest> repliesTo(String messageId) {
    return FakeFeishuOpenApi.server()
        .findAll(postRequestedFor(urlEqualTo("/open-apis/im/v1/messages/" + messageId + "/reply")));
  }
}
