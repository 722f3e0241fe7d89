package io.feishubot.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts the {@link LambdaInvokeApi} stand-in and points the app at it as if it ran on Lambda: the
 * function's name in {@code AWS_LAMBDA_FUNCTION_NAME}, the JVM variant's alias, jobs dispatched to
 * Lambda, and the SDK's endpoint, region and credentials set through the SDK's own system
 * properties ({@code aws.endpointUrlLambda} is the property twin of {@code
 * AWS_ENDPOINT_URL_LAMBDA}, which a test JVM cannot set on itself; {@code
 * LambdaEndpointOverrideTest} checks the variable in a child JVM).
 */
public class LambdaInvokeApiResource implements QuarkusTestResourceLifecycleManager {

  public static final String FUNCTION = "feishu-bot-test";
  public static final String QUALIFIER = "snapstart";

  private static final Map<String, String> SDK_PROPERTIES =
      Map.of(
          "aws.region", "ap-southeast-1",
          "aws.accessKeyId", "test-access-key",
          "aws.secretAccessKey", "test-secret-key");

  private static LambdaInvokeApi api;

  /** The running stand-in. */
  public static LambdaInvokeApi api() {
    return api;
  }

  @Override
  public Map<String, String> start() {
    api = LambdaInvokeApi.start();
    System.setProperty("aws.endpointUrlLambda", api.endpoint());
    SDK_PROPERTIES.forEach(System::setProperty);
    return Map.of(
        "AWS_LAMBDA_FUNCTION_NAME", FUNCTION,
        "feishu.jobs.lambda-qualifier", QUALIFIER,
        "feishu.jobs.dispatch", "lambda");
  }

  @Override
  public void stop() {
    System.clearProperty("aws.endpointUrlLambda");
    SDK_PROPERTIES.keySet().forEach(System::clearProperty);
    if (api != null) {
      api.close();
    }
  }
}
