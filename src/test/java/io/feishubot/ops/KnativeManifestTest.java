package io.feishubot.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.as;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The Knative manifests (JVM and native) ask the application for what it really serves and reads,
 * and each matches the image it runs.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
class KnativeManifestTest {

  private static final Path JVM_MANIFEST = Path.of("infra/knative/service.yaml");
  private static final Path NATIVE_MANIFEST = Path.of("infra/knative/service-native.yaml");

  /** Each manifest and the Dockerfile of the image it runs. */
  private static final Map<Path, Path> IMAGES =
      Map.of(
          JVM_MANIFEST, Path.of("src/main/docker/Dockerfile.jvm"),
          NATIVE_MANIFEST, Path.of("src/main/docker/Dockerfile.native-micro"));

  /** Settings of the app the manifests may set besides feishu.* (the DynamoDB store's region). */
  private static final Set<String> OTHER_SETTINGS = Set.of("QUARKUS_DYNAMODB_AWS_REGION");

  static List<Path> manifests() {
    return List.of(JVM_MANIFEST, NATIVE_MANIFEST);
  }

  @ParameterizedTest
  @MethodSource("manifests")
  void probes_pointAtHealthEndpointsThatAnswer200(Path manifest) throws IOException {
    Map<String, Object> container = container(manifest);
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

  @ParameterizedTest
  @MethodSource("manifests")
  void port_isTheOneTheAppListensOnWhenPortIsUnset(Path manifest) throws IOException {
    List<Map<String, Object>> ports = list(container(manifest).get("ports"));
    assertThat(ports).hasSize(1);
    // Knative sets PORT to the containerPort; the app reads quarkus.http.port=${PORT:8080}.
    assertThat(ports.get(0).get("containerPort")).isEqualTo(defaultPort());
  }

  @ParameterizedTest
  @MethodSource("manifests")
  void env_namesAreSettingsOfTheApp_andSecretsComeFromTheSecret(Path manifest) throws IOException {
    List<Map<String, Object>> env = list(container(manifest).get("env"));
    Set<String> known = new TreeSet<>(envNames(FeishuConfig.class, "feishu"));
    known.addAll(OTHER_SETTINGS);
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

  @ParameterizedTest
  @MethodSource("manifests")
  void scaling_isBounded_andConcurrencyIsWhatOnePodAnswersWithoutShedding(Path manifest)
      throws IOException {
    Map<String, Object> template = template(manifest);
    Map<String, Object> annotations = map(map(template.get("metadata")).get("annotations"));
    assertThat(annotations)
        .containsKeys("autoscaling.knative.dev/min-scale", "autoscaling.knative.dev/max-scale");
    int concurrency = (Integer) map(template.get("spec")).get("containerConcurrency");
    assertThat(concurrency).isPositive().isLessThanOrEqualTo(requestsWithoutShedding());
    String target = (String) annotations.get("autoscaling.knative.dev/target");
    if (target != null) {
      assertThat(Integer.parseInt(target)).isLessThanOrEqualTo(concurrency);
    }
  }

  @ParameterizedTest
  @MethodSource("manifests")
  void idempotencyStore_holdsForEveryPodTheManifestMayRun(Path manifest) throws IOException {
    assertThat(idempotencyProblems(documents(manifest))).isEmpty();
  }

  @Test
  void idempotencyRule_refusesTheMemoryStoreOnMoreThanOnePod() throws IOException {
    List<Map<String, Object>> documents = documents(JVM_MANIFEST);
    Map<String, Object> annotations =
        map(
            map(map(map(service(documents).get("spec")).get("template")).get("metadata"))
                .get("annotations"));
    annotations.put("autoscaling.knative.dev/max-scale", "5");
    assertThat(idempotencyProblems(documents))
        .singleElement(as(InstanceOfAssertFactories.STRING))
        .contains("max-scale 5");

    annotations.remove("autoscaling.knative.dev/max-scale");
    assertThat(idempotencyProblems(documents)).isNotEmpty();
  }

  @Test
  void nativeManifest_scalesOutOnTheSharedStore() throws IOException {
    Map<String, Object> template = template(NATIVE_MANIFEST);
    String maxScale =
        (String)
            map(map(template.get("metadata")).get("annotations"))
                .get("autoscaling.knative.dev/max-scale");
    assertThat(Integer.parseInt(maxScale)).isGreaterThan(1);
    assertThat(env(container(NATIVE_MANIFEST)))
        .containsEntry("FEISHU_IDEMPOTENCY_STORE", "dynamodb");
  }

  @ParameterizedTest
  @MethodSource("manifests")
  void image_runsAsNonRoot_onTheManifestsPort_withThePortLeftToPort(Path manifest)
      throws IOException {
    Path dockerfile = IMAGES.get(manifest);
    List<String> instructions = instructions(dockerfile);

    String user = last(instructions, "USER");
    assertThat(user).as("%s runs as", dockerfile).isNotEmpty().isNotIn("root", "0");
    assertThat(user.split(":")[0]).isNotIn("root", "0");

    assertThat(last(instructions, "EXPOSE")).isEqualTo(Integer.toString(defaultPort()));
    String start = last(instructions, "ENTRYPOINT") + " " + last(instructions, "CMD");
    assertThat(start).as("the port comes from PORT").doesNotContain("http.port");
    assertThat(instructions)
        .noneMatch(line -> line.matches("ENV\\s+(PORT|QUARKUS_HTTP_PORT)\\b.*"));
  }

  @Test
  void nativeImage_runsTheNativeExecutable() throws IOException {
    List<String> instructions = instructions(IMAGES.get(NATIVE_MANIFEST));
    assertThat(instructions).anyMatch(line -> line.matches("COPY .*target/\\*-runner .*"));
    assertThat(last(instructions, "ENTRYPOINT")).contains("./application");
  }

  /**
   * Why the manifest's idempotency store could let a command run twice: the in-memory store keeps
   * claims per pod, so with it the manifest must allow exactly one pod; the DynamoDB store needs
   * the credentials and region a cluster gives it.
   */
  static List<String> idempotencyProblems(List<Map<String, Object>> documents) {
    Map<String, Object> service = service(documents);
    Map<String, Object> template = map(map(service.get("spec")).get("template"));
    Map<String, Object> podSpec = map(template.get("spec"));
    Map<String, Object> annotations = map(map(template.get("metadata")).get("annotations"));
    Map<String, String> env = env(list(podSpec.get("containers")).get(0));
    String store = env.getOrDefault("FEISHU_IDEMPOTENCY_STORE", "memory");
    List<String> problems = new ArrayList<>();
    if (!"dynamodb".equals(store)) {
      Object maxScale = annotations.get("autoscaling.knative.dev/max-scale");
      if (!"1".equals(maxScale)) {
        problems.add(
            "idempotency store "
                + store
                + " is per pod, but max-scale "
                + maxScale
                + " allows more than one pod");
      }
      return problems;
    }
    Object account = podSpec.get("serviceAccountName");
    if (account == null) {
      problems.add("the dynamodb store needs credentials: no serviceAccountName");
    } else if (documents.stream()
        .noneMatch(
            doc ->
                "ServiceAccount".equals(doc.get("kind"))
                    && account.equals(map(doc.get("metadata")).get("name")))) {
      problems.add("service account " + account + " is not defined next to the service");
    }
    if (!env.containsKey("QUARKUS_DYNAMODB_AWS_REGION")) {
      problems.add("the dynamodb store needs its region: QUARKUS_DYNAMODB_AWS_REGION");
    }
    return problems;
  }

  /**
   * Concurrent requests one pod answers without a 503: every one may be a command whose reply waits
   * for a slot of the reply bulkhead, which takes {@code value} calls plus {@code waitingTaskQueue}
   * waiting (application.properties).
   */
  /**
   * Open API calls one pod makes at once without refusing any: {@code feishu.outbound
   * .concurrent-calls} (application.properties if set there, else its default in FeishuConfig).
   * Calls beyond it wait for a slot within their deadline, so this is what a pod answers without
   * shedding however long its calls take.
   */
  private static int requestsWithoutShedding() throws IOException {
    String configured = applicationProperties().getProperty("feishu.outbound.concurrent-calls");
    if (configured != null) {
      return Integer.parseInt(configured);
    }
    try {
      return Integer.parseInt(
          io.feishubot.config.FeishuConfig.Outbound.class
              .getMethod("concurrentCalls")
              .getAnnotation(io.smallrye.config.WithDefault.class)
              .value());
    } catch (NoSuchMethodException e) {
      throw new AssertionError("FeishuConfig.Outbound has no concurrentCalls", e);
    }
  }

  private static int defaultPort() throws IOException {
    String httpPort = applicationProperties().getProperty("quarkus.http.port");
    assertThat(httpPort).startsWith("${PORT:");
    return Integer.parseInt(httpPort.replaceAll("\\$\\{PORT:(\\d+)}", "$1"));
  }

  private static Properties applicationProperties() throws IOException {
    Properties properties = new Properties();
    try (InputStream in =
        KnativeManifestTest.class.getClassLoader().getResourceAsStream("application.properties")) {
      properties.load(in);
    }
    return properties;
  }

  /** The Dockerfile's instructions, continuation lines joined, comments dropped. */
  private static List<String> instructions(Path dockerfile) throws IOException {
    String joined = Files.readString(dockerfile).replaceAll("\\\\\\n", " ");
    return joined
        .lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
  }

  /** The arguments of the last {@code keyword} instruction (the one in force), or "". */
  private static String last(List<String> instructions, String keyword) {
    String found = "";
    for (String line : instructions) {
      if (line.toUpperCase(Locale.ROOT).startsWith(keyword + " ")) {
        found = line.substring(keyword.length()).strip();
      }
    }
    return found;
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

  private static List<Map<String, Object>> documents(Path manifest) throws IOException {
    List<Map<String, Object>> documents = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(manifest)) {
      for (Object document : new Yaml().loadAll(reader)) {
        documents.add(map(document));
      }
    }
    return documents;
  }

  private static Map<String, Object> service(List<Map<String, Object>> documents) {
    List<Map<String, Object>> services =
        documents.stream()
            .filter(
                doc ->
                    "Service".equals(doc.get("kind"))
                        && "serving.knative.dev/v1".equals(doc.get("apiVersion")))
            .toList();
    assertThat(services).hasSize(1);
    return services.get(0);
  }

  private static Map<String, Object> template(Path manifest) throws IOException {
    return map(map(service(documents(manifest)).get("spec")).get("template"));
  }

  private static Map<String, Object> container(Path manifest) throws IOException {
    List<Map<String, Object>> containers =
        list(map(template(manifest).get("spec")).get("containers"));
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  /** Plain {@code value} entries of a container's env; entries from secrets are left out. */
  private static Map<String, String> env(Map<String, Object> container) {
    Map<String, String> values = new TreeMap<>();
    for (Map<String, Object> entry : list(container.get("env"))) {
      if (entry.get("value") != null) {
        values.put((String) entry.get("name"), String.valueOf(entry.get("value")));
      }
    }
    return values;
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
