package io.feishubot.emulator;

import io.feishubot.testsupport.TestKeys;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The emulator on, as in dev mode, on a fixed free port: {@code feishu.api-base-url} must name the
 * embedded fake Open API before the app starts, so the port cannot be chosen by the server.
 */
public class EmulatorProfile implements QuarkusTestProfile {

  private static final String PORT_PROPERTY = "emulator-test.port";

  /**
   * One port per test JVM; a system property, since profiles load in more than one class loader.
   */
  static synchronized int port() {
    String chosen = System.getProperty(PORT_PROPERTY);
    if (chosen == null) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        chosen = Integer.toString(socket.getLocalPort());
      } catch (IOException e) {
        throw new UncheckedIOException("no free port", e);
      }
      System.setProperty(PORT_PROPERTY, chosen);
    }
    return Integer.parseInt(chosen);
  }

  @Override
  public Map<String, String> getConfigOverrides() {
    int port = port();
    return Map.of(
        EmulatorFixtures.ENABLED,
        "true",
        "quarkus.http.test-port",
        Integer.toString(port),
        "feishu.emulator.enabled",
        "true",
        "feishu.app-id",
        TestKeys.APP_ID,
        "feishu.app-secret",
        TestKeys.APP_SECRET,
        "feishu.verification-token",
        TestKeys.VERIFICATION_TOKEN,
        "feishu.encrypt-key",
        TestKeys.ENCRYPT_KEY,
        "feishu.api-base-url",
        "http://localhost:" + port + FakeOpenApiResource.ROOT);
  }
}
