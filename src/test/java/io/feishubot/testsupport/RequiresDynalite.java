package io.feishubot.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that runs {@link Dynalite}: without Node.js on PATH the whole class is skipped
 * with {@link Dynalite#unavailableReason()}, before any {@code @BeforeAll} or Quarkus test resource
 * runs (a {@link DynaliteTestResource} failing to start would be an error, not a skip). Under CI
 * the class runs regardless, so a missing Node.js fails it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresDynalite.Condition.class)
public @interface RequiresDynalite {

  /** The JUnit condition behind the annotation. */
  final class Condition implements ExecutionCondition {

    private static final String ANNOUNCED = "feishubot.dynalite.skip-announced";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (Dynalite.underCi()) {
        return ConditionEvaluationResult.enabled("CI: DynamoDB tests never skip");
      }
      return Dynalite.unavailableReason()
          .map(reason -> ConditionEvaluationResult.disabled(announce(Dynalite.skipMessage(reason))))
          .orElseGet(() -> ConditionEvaluationResult.enabled("node and npm found"));
    }

    /**
     * Prints the reason once per test JVM: the build output counts skipped tests but does not say
     * why. A system property, not a static field, because Quarkus loads this class again in its own
     * class loader.
     */
    private static String announce(String message) {
      if (System.getProperties().putIfAbsent(ANNOUNCED, "true") == null) {
        System.err.println("[WARNING] " + message);
      }
      return message;
    }
  }
}
