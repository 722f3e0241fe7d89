package io.feishubot.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Boots the app against its own dynalite with the DynamoDB idempotency store and a table created at
 * startup, as a local run would.
 */
public class DynaliteTestResource implements QuarkusTestResourceLifecycleManager {

  private Dynalite dynalite;

  @Override
  public Map<String, String> start() {
    dynalite = Dynalite.inMemory().start();
    return Map.of(
        "feishu.idempotency.store", "dynamodb",
        "feishu.idempotency.create-table", "true",
        "quarkus.dynamodb.endpoint-override", dynalite.endpoint(),
        "quarkus.dynamodb.aws.region", "us-east-1",
        "quarkus.dynamodb.aws.credentials.type", "static",
        "quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "test-key",
        "quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "test-secret");
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(
        dynalite, new TestInjector.AnnotatedAndMatchesType(InjectDynalite.class, Dynalite.class));
  }

  @Override
  public void stop() {
    if (dynalite != null) {
      dynalite.stop();
    }
  }
}
