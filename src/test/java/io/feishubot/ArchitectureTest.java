package io.feishubot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps the arrows pointing inward: http → webhook → {feishu, router, idempotency, outbound}, and
 * http → alerts → {message, router, idempotency, outbound}.
 */
class ArchitectureTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.feishubot");

  @Test
  void nothingButTheHttpAdapterKnowsJaxRsResources() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.feishubot.webhook..",
            "io.feishubot.router..",
            "io.feishubot.idempotency..",
            "io.feishubot.alerts..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.feishubot.http..", "jakarta.ws.rs..")
        .check(CLASSES);
  }

  @Test
  void innerLayersDoNotReachOutward() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.feishubot.router..",
            "io.feishubot.commands..",
            "io.feishubot.outbound..",
            "io.feishubot.idempotency..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.feishubot.webhook..", "io.feishubot.http..")
        .check(CLASSES);
  }

  @Test
  void alertsStandBesideTheFeishuWebhook_notInsideOrBelowIt() {
    noClasses()
        .that()
        .resideInAPackage("io.feishubot.alerts..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.feishubot.webhook..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.feishubot.webhook..",
            "io.feishubot.router..",
            "io.feishubot.outbound..",
            "io.feishubot.idempotency..",
            "io.feishubot.message..",
            "io.feishubot.feishu..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.feishubot.alerts..")
        .check(CLASSES);
  }

  /**
   * Configured commands plug into the router through {@code CommandSettings}: the router and the
   * core never know them, so removing the package leaves the Java commands untouched.
   */
  @Test
  void nothingButCdiKnowsConfiguredCommands() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.feishubot.commands..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.feishubot.commands..")
        .check(CLASSES);
  }

  @Test
  void routerKnowsNothingOfDeliveryOrStorage() {
    noClasses()
        .that()
        .resideInAPackage("io.feishubot.router..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.feishubot.outbound..", "io.feishubot.idempotency..")
        .check(CLASSES);
  }

  /** The emulator is a dev tool bolted on from outside: removing it must break nothing. */
  @Test
  void nothingDependsOnTheEmulator() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.feishubot.emulator..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.feishubot.emulator..")
        .check(CLASSES);
  }

  /** It drives the bot only as Feishu does, over HTTP, never through the webhook's internals. */
  @Test
  void theEmulatorReachesTheBotOnlyOverHttp() {
    noClasses()
        .that()
        .resideInAPackage("io.feishubot.emulator..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.feishubot.webhook..",
            "io.feishubot.router..",
            "io.feishubot.outbound..",
            "io.feishubot.idempotency..",
            "io.feishubot.http..")
        .check(CLASSES);
  }

  @Test
  void faultToleranceLivesOnlyAtTheOutboundEdge() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.feishubot.outbound..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.eclipse.microprofile.faulttolerance..", "io.smallrye.faulttolerance..")
        .check(CLASSES);
  }
}
