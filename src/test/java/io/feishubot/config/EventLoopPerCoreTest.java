package io.feishubot.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The running app has one event loop per available core, and configuration can still change it. */
@QuarkusTest
class EventLoopPerCoreTest {

  @Test
  void theAppRunsOneEventLoopPerCore() {
    int cores = Runtime.getRuntime().availableProcessors();
    assertThat(ConfigProvider.getConfig().getValue(EventLoopPerCore.KEY, Integer.class))
        .isEqualTo(cores);
    Set<String> loops =
        Thread.getAllStackTraces().keySet().stream()
            .map(Thread::getName)
            .filter(name -> name.startsWith("vert.x-eventloop-thread-"))
            .collect(Collectors.toSet());
    assertThat(loops).hasSizeLessThanOrEqualTo(cores);
  }

  @Test
  void rankedBelowApplicationPropertiesAndTheEnvironment() {
    // application.properties is 250, environment variables 300, system properties 400.
    assertThat(new EventLoopPerCore().getOrdinal()).isLessThan(250);
  }
}
