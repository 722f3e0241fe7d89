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

  /** A client against {@code server}, with timeouts short enough that an outage fails fast. */
  public static DynamoDbClient against(Dynalite server, ExecutionInterceptor... interceptors) {
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
            o ->
                o.apiCallTimeout(Duration.ofSeconds(10))
                    .executionInterceptors(List.of(interceptors)))
        .build();
  }
}
