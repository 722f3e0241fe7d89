package io.feishubot.alerts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Alertmanager's webhook payload (version 4) into a {@link Notification}, and writes one back
 * in the same shape, which is how the receiver stores the group it last showed. Trees, not data
 * binding: no reflection, and every field is checked as it is read.
 */
final class NotificationJson {

  /** Alertmanager's "no end yet" is Go's zero time; anything before 1970 is read as that. */
  private static final Instant NO_TIME = Instant.EPOCH;

  private static final ObjectMapper JSON =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(32).build())
                  .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private NotificationJson() {}

  /**
   * @throws MalformedNotificationException when the body is not such a payload
   */
  static Notification parse(byte[] body) {
    JsonNode root;
    try (JsonParser parser = JSON.createParser(body)) {
      root = JSON.readTree(parser);
    } catch (IOException | RuntimeException e) {
      throw new MalformedNotificationException("body is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new MalformedNotificationException("body is not a JSON object");
    }
    JsonNode version = root.path("version");
    if (!version.isMissingNode() && !"4".equals(version.asText())) {
      throw new MalformedNotificationException("version is not 4");
    }
    JsonNode alertsJson = root.path("alerts");
    if (!alertsJson.isArray() || alertsJson.isEmpty()) {
      throw new MalformedNotificationException("alerts is missing or empty");
    }
    List<Alert> alerts = new ArrayList<>(alertsJson.size());
    for (JsonNode alert : alertsJson) {
      alerts.add(alert(alert));
    }
    JsonNode truncated = root.path("truncatedAlerts");
    if (!truncated.isMissingNode() && !truncated.isIntegralNumber()) {
      throw new MalformedNotificationException("truncatedAlerts is not a number");
    }
    return new Notification(
        AlertStatus.fromWire(text(root, "status", true)),
        text(root, "receiver", false),
        text(root, "groupKey", false),
        labels(root, "groupLabels"),
        labels(root, "commonLabels"),
        labels(root, "commonAnnotations"),
        text(root, "externalURL", false),
        alerts,
        truncated.asInt(0));
  }

  /** The payload shape again: what {@link #parse} reads back into an equal notification. */
  static ObjectNode write(Notification notification) {
    ObjectNode json = JSON.createObjectNode();
    json.put("version", "4");
    json.put("groupKey", notification.groupKey());
    json.put("truncatedAlerts", notification.truncatedAlerts());
    json.put("status", notification.status().wireName());
    json.put("receiver", notification.receiver());
    putLabels(json, "groupLabels", notification.groupLabels());
    putLabels(json, "commonLabels", notification.commonLabels());
    putLabels(json, "commonAnnotations", notification.commonAnnotations());
    json.put("externalURL", notification.externalUrl());
    ArrayNode alerts = json.putArray("alerts");
    for (Alert alert : notification.alerts()) {
      ObjectNode alertJson = alerts.addObject();
      alertJson.put("status", alert.status().wireName());
      putLabels(alertJson, "labels", alert.labels());
      putLabels(alertJson, "annotations", alert.annotations());
      alertJson.put("startsAt", alert.startsAt().toString());
      alertJson.put("endsAt", alert.endsAt().map(Instant::toString).orElse("0001-01-01T00:00:00Z"));
      alertJson.put("generatorURL", alert.generatorUrl());
      alertJson.put("fingerprint", alert.fingerprint());
    }
    return json;
  }

  /** Reads what {@link #write} wrote. */
  static Notification read(String stored) {
    return parse(stored.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static Alert alert(JsonNode json) {
    if (!json.isObject()) {
      throw new MalformedNotificationException("an alert is not an object");
    }
    Instant startsAt =
        time(json, "startsAt")
            .orElseThrow(() -> new MalformedNotificationException("an alert has no startsAt"));
    return new Alert(
        AlertStatus.fromWire(text(json, "status", true)),
        labels(json, "labels"),
        labels(json, "annotations"),
        startsAt,
        time(json, "endsAt"),
        text(json, "generatorURL", false),
        text(json, "fingerprint", false));
  }

  private static String text(JsonNode json, String field, boolean required) {
    JsonNode value = json.path(field);
    if (value.isMissingNode() || value.isNull()) {
      if (required) {
        throw new MalformedNotificationException(field + " is missing");
      }
      return "";
    }
    if (!value.isTextual()) {
      throw new MalformedNotificationException(field + " is not a string");
    }
    return value.textValue();
  }

  private static Optional<Instant> time(JsonNode json, String field) {
    String value = text(json, field, false);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      Instant time = OffsetDateTime.parse(value).toInstant();
      return time.isAfter(NO_TIME) ? Optional.of(time) : Optional.empty();
    } catch (DateTimeParseException e) {
      throw new MalformedNotificationException(field + " is not an RFC 3339 time");
    }
  }

  private static Map<String, String> labels(JsonNode json, String field) {
    JsonNode value = json.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return Map.of();
    }
    if (!value.isObject()) {
      throw new MalformedNotificationException(field + " is not an object");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      if (!entry.getValue().isTextual()) {
        throw new MalformedNotificationException(field + " has a value that is not a string");
      }
      labels.put(entry.getKey(), entry.getValue().textValue());
    }
    return labels;
  }

  private static void putLabels(ObjectNode json, String field, Map<String, String> labels) {
    ObjectNode object = json.putObject(field);
    labels.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry -> object.put(entry.getKey(), entry.getValue()));
  }
}
