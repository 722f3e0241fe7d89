package io.feishubot.testsupport;

/** Whether the tests run against the Lambda build ({@code -Plambda}). */
public final class LambdaBuild {

  private LambdaBuild() {}

  /** Under {@code -Plambda} requests reach the app as API Gateway events, not over a socket. */
  public static boolean active() {
    try {
      Class.forName("io.quarkus.amazon.lambda.http.LambdaHttpHandler");
      return true;
    } catch (ClassNotFoundException plainHttpServer) {
      return false;
    }
  }
}
