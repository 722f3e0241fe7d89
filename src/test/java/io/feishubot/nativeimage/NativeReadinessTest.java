package io.feishubot.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.feishubot.nativeimage.fixtures.JacksonFixtures;
import io.feishubot.nativeimage.fixtures.StaticStateFixtures;
import org.junit.jupiter.api.Test;

/**
 * Keeps the product buildable as a native image without building one (no GraalVM here): what
 * Jackson binds by reflection is registered, and no static initialiser captures the build machine.
 * Each rule is also run against fixtures it must flag, so a rule that finds nothing is noticed.
 */
class NativeReadinessTest {

  private static final String ROOT = "io.feishubot";
  private static final JavaClasses PRODUCT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ROOT);
  private static final JavaClasses FIXTURES =
      new ClassFileImporter().importPackages("io.feishubot.nativeimage.fixtures");

  @Test
  void everyTypeJacksonBindsOutsideQuarkusRest_isRegisteredForReflection() {
    assertThat(JacksonBindings.unregistered(PRODUCT, ROOT))
        .as("add @RegisterForReflection (io.quarkus.runtime.annotations) to these types")
        .isEmpty();
  }

  @Test
  void theProductsJacksonTypes_areFound() {
    assertThat(JacksonBindings.boundTypes(PRODUCT, ROOT))
        .containsKeys(
            "io.feishubot.outbound.TenantTokenRequest",
            "io.feishubot.outbound.TenantTokenResponse",
            "io.feishubot.outbound.MessageResponse");
  }

  @Test
  void jacksonRule_flagsEveryUnregisteredWayOfBinding() {
    assertThat(JacksonBindings.unregistered(FIXTURES, ROOT))
        .extracting(line -> line.substring(0, line.indexOf(' ')))
        .containsExactlyInAnyOrder(
            name(JacksonFixtures.AnnotatedRecord.class),
            name(JacksonFixtures.IgnoringRecord.class),
            name(JacksonFixtures.WrittenRecord.class),
            name(JacksonFixtures.ReadRecord.class),
            name(JacksonFixtures.ListedRecord.class));
  }

  @Test
  void noStaticInitialiserCapturesTheBuildMachine() {
    assertThat(BuildTimeState.captures(PRODUCT, ROOT))
        .as("read these at run time (inject a Clock or the config, or initialise lazily)")
        .isEmpty();
  }

  @Test
  void staticStateRule_flagsClocksRandomnessAndEnvironment_andNotLambdas() {
    assertThat(BuildTimeState.captures(FIXTURES, ROOT))
        .extracting(line -> line.substring(0, line.indexOf('.' + "<clinit>")))
        .containsExactlyInAnyOrder(
            name(StaticStateFixtures.StartTime.class),
            name(StaticStateFixtures.Home.class),
            name(StaticStateFixtures.Seeded.class),
            name(StaticStateFixtures.Cores.class),
            name(StaticStateFixtures.Indirect.class),
            name(StaticStateFixtures.ViaConstructor.class),
            name(StaticStateFixtures.Instance.class));
  }

  @Test
  void staticStateRule_namesThePathToTheRead() {
    assertThat(BuildTimeState.captures(FIXTURES, ROOT))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("ViaConstructor.<clinit>()")
                    .contains("Settings.<init>()")
                    .endsWith("java.lang.System.getProperty"));
  }

  private static String name(Class<?> type) {
    return type.getName();
  }
}
