package io.feishubot.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.junit.jupiter.api.Test;

/**
 * The fault-tolerance numbers live in one place, application.properties: the annotations on the
 * guarded methods carry none (only which failures are retried or counted), and the properties set
 * every number of every policy on every guarded method, so no MicroProfile default slips in.
 */
class FaultToleranceSettingsTest {

  private static final List<Class<? extends Annotation>> POLICIES =
      List.of(Retry.class, Timeout.class, CircuitBreaker.class, Bulkhead.class);

  /** Members that select failures: these belong in code, next to the exceptions they name. */
  private static final Set<String> SELECTORS = Set.of("retryOn", "abortOn", "failOn", "skipOn");

  @Test
  void annotationsCarryNoNumbers() throws ReflectiveOperationException {
    List<String> numbersInCode = new ArrayList<>();
    for (Method method : guardedMethods()) {
      for (Annotation policy : policies(method)) {
        for (Method member : policy.annotationType().getDeclaredMethods()) {
          Object value = member.invoke(policy);
          if (!SELECTORS.contains(member.getName())
              && !Objects.equals(value, member.getDefaultValue())) {
            numbersInCode.add(key(method, policy, member) + " = " + value);
          }
        }
      }
    }
    assertThat(numbersInCode).as("set these in application.properties instead").isEmpty();
  }

  @Test
  void applicationPropertiesSetsEveryNumberOfEveryPolicy() throws IOException {
    Properties properties = new Properties();
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("application.properties")) {
      properties.load(in);
    }
    List<String> missing = new ArrayList<>();
    for (Method method : guardedMethods()) {
      for (Annotation policy : policies(method)) {
        for (Method member : policy.annotationType().getDeclaredMethods()) {
          if (isNumber(member) && applies(method, policy, member)) {
            String key = key(method, policy, member);
            if (!properties.containsKey(key)) {
              missing.add(key);
            }
          }
        }
      }
    }
    assertThat(guardedMethods()).isNotEmpty();
    assertThat(missing).as("fault-tolerance numbers missing from application.properties").isEmpty();
  }

  private static List<Method> guardedMethods() {
    List<Method> guarded = new ArrayList<>();
    for (JavaClass type :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.feishubot.outbound")) {
      for (Method method : type.reflect().getDeclaredMethods()) {
        if (!policies(method).isEmpty()) {
          guarded.add(method);
        }
      }
    }
    return guarded;
  }

  private static List<Annotation> policies(Method method) {
    List<Annotation> found = new ArrayList<>();
    for (Class<? extends Annotation> policy : POLICIES) {
      Annotation annotation = method.getAnnotation(policy);
      if (annotation != null) {
        found.add(annotation);
      }
    }
    return found;
  }

  private static boolean isNumber(Method member) {
    Class<?> type = member.getReturnType();
    return type == int.class || type == long.class || type == double.class;
  }

  /** A bulkhead's queue only exists for asynchronous methods. */
  private static boolean applies(Method method, Annotation policy, Method member) {
    return !(policy instanceof Bulkhead && member.getName().equals("waitingTaskQueue"))
        || method.isAnnotationPresent(AsynchronousNonBlocking.class);
  }

  private static String key(Method method, Annotation policy, Method member) {
    return method.getDeclaringClass().getName()
        + "/"
        + method.getName()
        + "/"
        + policy.annotationType().getSimpleName()
        + "/"
        + member.getName();
  }
}
