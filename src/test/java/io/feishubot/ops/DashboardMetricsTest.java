package io.feishubot.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feishubot.testsupport.BotEndpoint;
import io.feishubot.testsupport.DynaliteTestResource;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.feishubot.testsupport.FeishuDelivery;
import io.feishubot.testsupport.RequiresDynalite;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Grafana dashboard and the Prometheus alerts only name metrics the app really exports: the
 * names are read from every expression and looked up in a real scrape of {@code /q/metrics} taken
 * after some deliveries, with every part that exports meters in play (Open API calls, the circuit
 * breaker, the DynamoDB store).
 */
@QuarkusTest
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
// With the DynamoDB store, so that the store's meters exist too.
@QuarkusTestResource(value = DynaliteTestResource.class, restrictToAnnotatedClass = true)
@RequiresDynalite
class DashboardMetricsTest {

  private static final Path DASHBOARD = Path.of("infra/grafana/feishu-bot.json");
  private static final Path ALERTS = Path.of("infra/prometheus/alerts.yml");

  /** Our names and the framework families the files use; other identifiers are PromQL. */
  private static final Pattern METRIC =
      Pattern.compile("\\b((?:feishu|ft|http_server|jvm|process)_[a-zA-Z0-9_]+)\\b");

  @Test
  void everyMetricInTheDashboardAndAlerts_isExported() throws IOException {
    deliverSomeEvents();
    Set<String> exported = exportedNames();
    assertThat(exported).contains("feishu_events_total", "feishu_token_fetches_total");

    Set<String> referenced = new TreeSet<>();
    for (String expr : dashboardExpressions()) {
      referenced.addAll(metricNames(expr));
    }
    for (String expr : alertExpressions()) {
      referenced.addAll(metricNames(expr));
    }
    assertThat(referenced)
        .contains(
            "feishu_events_total",
            "feishu_command_duration_seconds_bucket",
            "feishu_events_duration_seconds_bucket")
        .contains(
            "feishu_outbound_calls_total",
            "ft_circuitbreaker_opened_total",
            "feishu_idempotency_calls_total",
            "feishu_idempotency_latency_seconds_bucket");

    List<String> unknown = new ArrayList<>();
    for (String name : referenced) {
      if (!exported.contains(name)) {
        unknown.add(name);
      }
    }
    assertThat(unknown).as("metrics referenced but not exported").isEmpty();
  }

  @Test
  void alerts_coverRejectionsCircuitLatencyStoreAndDuplicates() throws IOException {
    String all = String.join("\n", alertExpressions());
    assertThat(all)
        .contains("outcome=\"rejected\"")
        .contains("ft_circuitbreaker_opened_total")
        .contains("histogram_quantile(0.99")
        .contains("feishu_idempotency_calls_total")
        .contains("outcome=\"duplicate\"");
  }

  private static void deliverSomeEvents() {
    Events.MessageEvent ping = Events.message("/ping");
    send(FeishuDelivery.of(ping.json()).build(), 200);
    send(FeishuDelivery.of(ping.json()).build(), 200);
    send(FeishuDelivery.of(Events.message("/ping").json()).unsigned().build(), 401);
  }

  private static void send(FeishuDelivery delivery, int status) {
    BotEndpoint.send(delivery).then().statusCode(status);
  }

  /** Sample names of the scrape: {@code name{labels} value} or {@code name value}. */
  private static Set<String> exportedNames() {
    String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Set<String> names = new TreeSet<>();
    for (String line : scrape.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        names.add(line.split("[{ ]", 2)[0]);
      }
    }
    return names;
  }

  private static Set<String> metricNames(String expr) {
    Set<String> names = new TreeSet<>();
    Matcher matcher = METRIC.matcher(expr);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  private static List<String> dashboardExpressions() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    List<String> expressions = new ArrayList<>();
    for (JsonNode expr : dashboard.findValues("expr")) {
      expressions.add(expr.asText());
    }
    for (JsonNode query : dashboard.path("templating").path("list").findValues("query")) {
      expressions.add(query.asText());
    }
    assertThat(expressions).hasSizeGreaterThan(5);
    return expressions;
  }

  @SuppressWarnings("unchecked")
  private static List<String> alertExpressions() throws IOException {
    Map<String, Object> alerts;
    try (Reader reader = Files.newBufferedReader(ALERTS)) {
      alerts = new Yaml().load(reader);
    }
    List<String> expressions = new ArrayList<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) alerts.get("groups")) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        assertThat(rule).containsKeys("alert", "expr");
        expressions.add(rule.get("expr").toString());
      }
    }
    assertThat(expressions).hasSizeGreaterThanOrEqualTo(5);
    return expressions;
  }
}
