package io.feishubot.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.feishubot.config.FeishuConfig;
import io.feishubot.config.RequiredSettingsCheck;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The Knative manifest asks the application for what it really serves and reads. */
@QuarkusTest
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
class KnativeManifestTest {

  private static final Path MANIFEST = Path.of("infra/knative/service.yaml");

  @Test
  void probes_pointAtHealthEndpointsThatAnswer200() throws IOException {
    Map<String, Object> container = container();
    String readiness = probePath(container, "readinessProbe");
    String liveness = probePath(container, "livenessProbe");
    assertThat(readiness).isEqualTo("/q/health/ready");
    assertThat(liveness).isEqualTo("/q/health/live");

    given()
        .get(readiness)
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem(RequiredSettingsCheck.NAME));
    given().get(liveness).then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void port_isTheOneTheAppListensOnWhenPortIsUnset() throws IOException {
    List<Map<String, Object>> ports = list(container().get("ports"));
    assertThat(ports).hasSize(1);
    // Knative sets PORT to the containerPort; the app reads quarkus.http.port=${PORT:8080}.
    Properties properties = new Properties();
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("application.properties")) {
      properties.load(in);
    }
    String httpPort = properties.getProperty("quarkus.http.port");
    assertThat(httpPort).startsWith("${PORT:");
    int defaultPort = Integer.parseInt(httpPort.replaceAll("\\$\\{PORT:(\\d+)}", "$1"));
    assertThat(ports.get(0).get("containerPort")).isEqualTo(defaultPort);
  }

  @Test
  void env_namesAreSettingsOfTheApp_andSecretsComeFromTheSecret() throws IOException {
    List<Map<String, Object>> env = list(container().get("env"));
    Set<String> known = envNames(FeishuConfig.class, "feishu");
    Set<String> names = env.stream().map(e -> (String) e.get("name")).collect(Collectors.toSet());
    assertThat(known).contains("FEISHU_APP_ID", "FEISHU_IDEMPOTENCY_STORE");
    assertThat(names).isSubsetOf(known);

    for (String secret :
        List.of(
            "FEISHU_APP_ID",
            "FEISHU_APP_SECRET",
            "FEISHU_VERIFICATION_TOKEN",
            "FEISHU_ENCRYPT_KEY")) {
      Map<String, Object> entry =
          env.stream().filter(e -> secret.equals(e.get("name"))).findFirst().orElseThrow();
      assertThat(entry).doesNotContainKey("value");
      Map<String, Object> ref = map(map(entry.get("valueFrom")).get("secretKeyRef"));
      assertThat(ref.get("name")).isEqualTo("feishu-bot");
    }
  }

  @Test
  void scaling_isBoundedAndConcurrencyLimited() throws IOException {
    Map<String, Object> template = map(map(manifest().get("spec")).get("template"));
    Map<String, Object> annotations = map(map(template.get("metadata")).get("annotations"));
    assertThat(annotations)
        .containsKeys("autoscaling.knative.dev/min-scale", "autoscaling.knative.dev/max-scale");
    assertThat((Integer) map(template.get("spec")).get("containerConcurrency")).isPositive();
  }

  /** The environment variable of every key of a {@code @ConfigMapping}, nested groups included. */
  static Set<String> envNames(Class<?> mapping, String prefix) {
    Set<String> names = new TreeSet<>();
    for (Method method : mapping.getDeclaredMethods()) {
      if (method.isDefault() || method.isSynthetic() || method.getParameterCount() > 0) {
        continue;
      }
      WithName withName = method.getAnnotation(WithName.class);
      String key =
          prefix
              + "."
              + (withName != null
                  ? withName.value()
                  : method
                      .getName()
                      .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                      .toLowerCase(Locale.ROOT));
      Class<?> type = method.getReturnType();
      if (type.isInterface() && type.getDeclaringClass() == mapping) {
        names.addAll(envNames(type, key));
      } else {
        names.add(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
      }
    }
    return names;
  }

  private static Map<String, Object> manifest() throws IOException {
    try (Reader reader = Files.newBufferedReader(MANIFEST)) {
      return new Yaml().load(reader);
    }
  }

  private static Map<String, Object> container() throws IOException {
    Map<String, Object> manifest = manifest();
    assertThat(manifest.get("kind")).isEqualTo("Service");
    assertThat(manifest.get("apiVersion")).isEqualTo("serving.knative.dev/v1");
    Map<String, Object> podSpec = map(map(map(manifest.get("spec")).get("template")).get("spec"));
    List<Map<String, Object>> containers = list(podSpec.get("containers"));
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  private static String probePath(Map<String, Object> container, String probe) {
    return (String) map(map(container.get(probe)).get("httpGet")).get("path");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object node) {
    assertThat(node).isInstanceOf(Map.class);
    return (Map<String, Object>) node;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object node) {
    assertThat(node).isInstanceOf(List.class);
    return (List<Map<String, Object>>) node;
  }
}
