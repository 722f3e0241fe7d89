package io.feishubot.outbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The AWS SDK's Lambda client, built on first use (only a deployment that dispatches jobs to Lambda
 * uses it). Region and credentials come from the standard AWS chain, which on Lambda is the
 * function's own environment; the endpoint is AWS's unless {@code AWS_ENDPOINT_URL_LAMBDA} (or the
 * system property {@code aws.endpointUrlLambda}) overrides it, which this SDK version resolves
 * itself (tested: {@code LambdaEndpointOverrideTest}).
 *
 * <p>The URL-connection HTTP client, as for DynamoDB: the smallest cold start. The SDK does not
 * retry: {@link LambdaInvokeEndpoint}'s policy does, within the delivery's budget. The timeouts
 * here are a backstop that also unblocks a read the policy's timeout cannot interrupt.
 */
@ApplicationScoped
public class LambdaClientProducer {

  static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
  static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(800);

  @Produces
  @ApplicationScoped
  LambdaClient lambdaClient() {
    return LambdaClient.builder()
        .httpClientBuilder(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(ATTEMPT_TIMEOUT))
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                .apiCallTimeout(ATTEMPT_TIMEOUT)
                .build())
        .build();
  }

  void close(@Disposes LambdaClient lambda) {
    lambda.close();
  }
}
