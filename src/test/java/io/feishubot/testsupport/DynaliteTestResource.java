package io.feishubot.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Boots the app against its own dynalite with the DynamoDB idempotency store and a table created at
 * startup, as a local run would. The server keeps its tables on disk so that a test can stop and
 * restart it (field {@code @InjectDynalite Dynalite}) like a real outage. A test class using it
 * carries {@link RequiresDynalite}: without Node.js a failed resource start would be an error, the
 * annotation skips the class before Quarkus starts.
 */
public class DynaliteTestResource implements QuarkusTestResourceLifecycleManager {

  private Dynalite dynalite;
  private Path data;

  @Override
  public Map<String, String> start() {
    try {
      data = Files.createTempDirectory("dynalite-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    dynalite = Dynalite.persistent(data).start();
    return Map.of(
        "feishu.idempotency.store", "dynamodb",
        "feishu.idempotency.create-table", "true",
        "quarkus.dynamodb.endpoint-override", dynalite.endpoint(),
        "quarkus.dynamodb.aws.region", "us-east-1",
        "quarkus.dynamodb.aws.credentials.type", "static",
        "quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "test-key",
        "quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "test-secret",
        "quarkus.dynamodb.interceptors", DynamoDbCallingThreads.class.getName());
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
    if (data != null) {
      try (Stream<Path> files = Files.walk(data)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
