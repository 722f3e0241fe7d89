package io.feishubot.feishu;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps the protocol core and the message model usable from any runtime (Quarkus, Lambda, a bench,
 * a CLI script): JDK and Jackson only, and nothing of ours, so arrows point into {@code feishu},
 * never out of it.
 */
class ProtocolCoreIsFrameworkFreeTest {

  private static final String CORE = "io.feishubot.feishu..";
  private static final String MESSAGE = "io.feishubot.message..";

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(new ImportOption.DoNotIncludeTests())
          .importPackages("io.feishubot");

  @Test
  void coreAndMessageModel_dependOnNoFrameworkOrCloudSdk() {
    noClasses()
        .that()
        .resideInAnyPackage(CORE, MESSAGE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.micrometer..",
            "jakarta..",
            "javax.inject..",
            "io.quarkus..",
            "io.smallrye..",
            "org.eclipse.microprofile..",
            "software.amazon..")
        .check(classes);
  }

  @Test
  void core_dependsOnNoOtherPackageOfOurs() {
    noClasses()
        .that()
        .resideInAPackage(CORE)
        .should()
        .dependOnClassesThat(resideInAPackage("io.feishubot..").and(not(resideInAPackage(CORE))))
        .check(classes);
  }

  /** Handlers and every sender share the message model, so it must not lean on any of them. */
  @Test
  void messageModel_dependsOnNoOtherPackageOfOurs() {
    noClasses()
        .that()
        .resideInAPackage(MESSAGE)
        .should()
        .dependOnClassesThat(resideInAPackage("io.feishubot..").and(not(resideInAPackage(MESSAGE))))
        .check(classes);
  }
}
