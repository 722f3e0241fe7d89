package io.feishubot.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Records the thread of every DynamoDB call the app makes (registered through {@code
 * quarkus.dynamodb.interceptors}): the synchronous client blocks, so none may be an event loop.
 */
public class DynamoDbCallingThreads implements ExecutionInterceptor {

  private static final List<String> THREADS = new CopyOnWriteArrayList<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    THREADS.add(Thread.currentThread().getName());
  }

  /** Thread names of the calls so far, in order. */
  public static List<String> threads() {
    return List.copyOf(THREADS);
  }
}
