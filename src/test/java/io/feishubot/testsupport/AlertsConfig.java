package io.feishubot.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** The Alertmanager receiver's settings for tests: its bearer token and default chat. */
public class AlertsConfig implements QuarkusTestResourceLifecycleManager {

  /** What Alertmanager sends in {@code Authorization: Bearer …}. */
  public static final String TOKEN = "alerts-token-5d1c07e2b8";

  /** The chat alert cards go to when the request names none. */
  public static final String CHAT_ID = "oc_alertsdefault00000000000000001";

  @Override
  public Map<String, String> start() {
    return Map.of("feishu.alerts.token", TOKEN, "feishu.alerts.chat-id", CHAT_ID);
  }

  @Override
  public void stop() {}
}
