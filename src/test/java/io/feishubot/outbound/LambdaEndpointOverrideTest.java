package io.feishubot.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.feishubot.testsupport.LambdaInvokeApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The standard {@code AWS_ENDPOINT_URL_LAMBDA} variable sends the bot's Lambda client to another
 * endpoint with no setting of ours: the SDK resolves it itself. Checked in a child JVM, since a JVM
 * cannot set its own environment, with the client the app builds ({@link LambdaClientProducer}).
 */
class LambdaEndpointOverrideTest {

  @Test
  void theInvocationGoesWhereTheVariablePoints() throws IOException, InterruptedException {
    try (LambdaInvokeApi api = LambdaInvokeApi.start()) {
      ProcessBuilder child =
          new ProcessBuilder(
                  List.of(
                      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                      "-cp",
                      System.getProperty("java.class.path"),
                      InvokeOnce.class.getName(),
                      "feishu-bot-env"))
              .redirectErrorStream(true);
      Map<String, String> env = child.environment();
      env.keySet().removeIf(name -> name.startsWith("AWS_"));
      env.put("AWS_ENDPOINT_URL_LAMBDA", api.endpoint());
      env.put("AWS_REGION", "ap-southeast-1");
      env.put("AWS_ACCESS_KEY_ID", "test-access-key");
      env.put("AWS_SECRET_ACCESS_KEY", "test-secret-key");
      Process process = child.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();

      assertThat(process.exitValue()).as(output).isZero();
      assertThat(api.invocations())
          .singleElement()
          .satisfies(
              invocation -> {
                assertThat(invocation.functionName()).isEqualTo("feishu-bot-env");
                assertThat(invocation.invocationType()).isEqualTo("Event");
                assertThat(new String(invocation.payload(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"probe\":true}");
              });
    }
  }

  /** The child: one asynchronous invocation through the app's client, then exit. */
  public static final class InvokeOnce {
    public static void main(String[] args) {
      try (var lambda = new LambdaClientProducer().lambdaClient()) {
        var response =
            lambda.invoke(
                request ->
                    request
                        .functionName(args[0])
                        .invocationType("Event")
                        .payload(
                            software.amazon.awssdk.core.SdkBytes.fromUtf8String(
                                "{\"probe\":true}")));
        System.out.println("status " + response.statusCode());
      }
    }
  }
}
