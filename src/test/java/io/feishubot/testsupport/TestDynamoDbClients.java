package io.feishubot.testsupport;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** DynamoDB clients for tests, built as the app builds them: URL-connection client, dummy keys. */
public final class TestDynamoDbClients {

  private TestDynamoDbClients() {}

  /** A client against {@code server}, patient enough for racing threads on a busy machine. */
  public static DynamoDbClient against(Dynalite server, ExecutionInterceptor... interceptors) {
    return against(server, Duration.ofSeconds(10), interceptors);
  }

  /**
   * A client giving up after {@code apiCallTimeout}, retries included, as the app's does
   * (application.properties).
   */
  public static DynamoDbClient against(
      Dynalite server, Duration apiCallTimeout, ExecutionInterceptor... interceptors) {
    return DynamoDbClient.builder()
        .endpointOverride(URI.create(server.endpoint()))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test-key", "test-secret")))
        .httpClientBuilder(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofMillis(500))
                .socketTimeout(Duration.ofSeconds(5)))
        .overrideConfiguration(
            o -> o.apiCallTimeout(apiCallTimeout).executionInterceptors(List.of(interceptors)))
        .build();
  }
}
