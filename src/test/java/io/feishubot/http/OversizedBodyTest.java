package io.feishubot.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.FeishuDelivery;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;

/**
 * A body over the 1 MiB limit gets a 413 the client can read, not a connection reset. The raw
 * clients here write the whole body before they read anything, as many HTTP clients do: if the
 * server closed the connection without reading the body, their writes would fail with "broken pipe"
 * or "connection reset" and these tests with them.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
@DisabledIf(
    value = "lambdaBuild",
    disabledReason =
        "the Lambda build (-Plambda) opens no HTTP port; API Gateway limits payloads itself")
class OversizedBodyTest {

  private static final int TWELVE_MIB = 12 << 20;
  private static final int READ_TIMEOUT_MS = 30_000;
  private static final String REFUSAL = "{\"error\":\"request too large\"}";

  @TestHTTPResource("/feishu/events")
  URI events;

  @Test
  void refuses12MiB_withContentLength_toAClientThatWritesItAllFirst() throws IOException {
    String answer = exchange(head("Content-Length: " + TWELVE_MIB), spaces(TWELVE_MIB), false);

    assertThat(statusLine(answer)).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
    assertThat(answer).containsIgnoringCase("connection: close").endsWith(REFUSAL);
  }

  @Test
  void refuses12MiB_chunked_toAClientThatWritesItAllFirst() throws IOException {
    String answer = exchange(head("Transfer-Encoding: chunked"), spaces(TWELVE_MIB), true);

    assertThat(statusLine(answer)).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
    assertThat(answer).endsWith(REFUSAL);
  }

  @Test
  void refusesAtOnce_whenTheClientWaitsForContinue() throws IOException {
    // Nothing but the head is sent: the answer must come without the body.
    String answer =
        exchange(head("Content-Length: " + TWELVE_MIB + "\r\nExpect: 100-continue"), null, false);

    assertThat(statusLine(answer)).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
  }

  @Test
  void refuses12MiB_fromTheJdkClient_overAnHttp2Upgrade() throws Exception {
    // The JDK client asks for h2c by default and sends the body with the upgrade request.
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(events)
                .timeout(Duration.ofMillis(READ_TIMEOUT_MS))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(spaces(TWELVE_MIB)))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).isEqualTo(REFUSAL);
  }

  @Test
  void acceptsASignedEvent_sentChunked() throws Exception {
    FeishuDelivery delivery = FeishuDelivery.of(Events.message("/ping").fromApp().json()).build();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(events)
            .version(HttpClient.Version.HTTP_1_1)
            .timeout(Duration.ofMillis(READ_TIMEOUT_MS))
            .header("Content-Type", "application/json")
            // A publisher of unknown length: the JDK client sends it chunked.
            .POST(
                HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofByteArray(delivery.body())));
    delivery.headers().forEach(request::header);

    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"msg\":\"success\"}");
  }

  /** Under {@code -Plambda} requests reach the app as API Gateway events, not over a socket. */
  static boolean lambdaBuild() {
    try {
      Class.forName("io.quarkus.amazon.lambda.http.LambdaHttpHandler");
      return true;
    } catch (ClassNotFoundException plainHttpServer) {
      return false;
    }
  }

  private String head(String bodyHeaders) {
    return "POST "
        + events.getPath()
        + " HTTP/1.1\r\nHost: "
        + events.getHost()
        + "\r\nContent-Type: application/json\r\n"
        + bodyHeaders
        + "\r\n\r\n";
  }

  /** Writes {@code head} and all of {@code body}, then reads the whole answer. */
  private String exchange(String head, byte[] body, boolean chunked) throws IOException {
    try (Socket socket = new Socket(events.getHost(), events.getPort())) {
      socket.setSoTimeout(READ_TIMEOUT_MS);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      if (body != null) {
        if (chunked) {
          writeChunked(out, body);
        } else {
          out.write(body);
        }
      }
      out.flush();
      return readAnswer(socket.getInputStream());
    }
  }

  private static void writeChunked(OutputStream out, byte[] body) throws IOException {
    int chunk = 1 << 16;
    for (int offset = 0; offset < body.length; offset += chunk) {
      int length = Math.min(chunk, body.length - offset);
      out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, offset, length);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  /** Head and body of the one answer; the server closes the connection after it. */
  private static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int read; (read = in.read(buffer)) != -1; ) {
      answer.write(buffer, 0, read);
    }
    return answer.toString(StandardCharsets.US_ASCII);
  }

  private static String statusLine(String answer) {
    int end = answer.indexOf("\r\n");
    return end < 0 ? answer : answer.substring(0, end);
  }

  private static byte[] spaces(int size) {
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) ' ');
    return body;
  }
}
