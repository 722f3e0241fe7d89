package io.feishubot.testsupport;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Set;

/**
 * The app as it runs on Lambda with deferred jobs: the fake Open API, the Invoke API stand-in, and
 * the {@link RecordingJobRunner} in place of the real runner.
 */
public class LambdaJobsProfile implements QuarkusTestProfile {

  @Override
  public Set<Class<?>> getEnabledAlternatives() {
    return Set.of(RecordingJobRunner.class);
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(
        new TestResourceEntry(FakeFeishuOpenApi.class),
        new TestResourceEntry(LambdaInvokeApiResource.class));
  }
}
