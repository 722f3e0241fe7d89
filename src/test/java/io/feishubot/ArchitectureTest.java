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
            "io.feishubot.router..", "io.feishubot.outbound..", "io.feishubot.idempotency..")
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
