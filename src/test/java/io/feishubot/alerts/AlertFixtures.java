package io.feishubot.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Alertmanager webhook payloads: the fixtures as stored, and variations built from them. */
public final class AlertFixtures {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertFixtures() {}

  /** {@code src/test/resources/alerts/alertmanager-v4-<name>.json} as a tree. */
  public static ObjectNode payload(String name) {
    try {
      return (ObjectNode)
          JSON.readTree(
              Files.readString(
                  Path.of("src/test/resources/alerts/alertmanager-v4-" + name + ".json")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The firing fixture with its group made unique by {@code group} (group key and labels). */
  public static ObjectNode firing(String group) {
    return withGroup(payload("firing"), group);
  }

  /** The resolved fixture for the same group as {@link #firing(String)}. */
  public static ObjectNode resolved(String group) {
    return withGroup(payload("resolved"), group);
  }

  /** A firing group of {@code count} alerts that differ in {@code instance}. */
  public static ObjectNode manyAlerts(String group, int count) {
    ObjectNode payload = firing(group);
    ArrayNode alerts = payload.putArray("alerts");
    ObjectNode template = (ObjectNode) firing(group).path("alerts").get(0);
    for (int i = 0; i < count; i++) {
      ObjectNode alert = template.deepCopy();
      ((ObjectNode) alert.path("labels")).put("instance", "api-" + i + ":8080");
      alert.put("fingerprint", String.format("%016x", i));
      alerts.add(alert);
    }
    return payload;
  }

  private static ObjectNode withGroup(ObjectNode payload, String group) {
    payload.put("groupKey", "{}:{alertname=\"HighErrorRate\", service=\"" + group + "\"}");
    ((ObjectNode) payload.path("groupLabels")).put("service", group);
    ((ObjectNode) payload.path("commonLabels")).put("service", group);
    for (var alert : payload.path("alerts")) {
      ((ObjectNode) alert.path("labels")).put("service", group);
    }
    return payload;
  }

  public static byte[] bytes(ObjectNode payload) {
    try {
      return JSON.writeValueAsBytes(payload);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
