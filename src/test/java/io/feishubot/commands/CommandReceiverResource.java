package io.feishubot.commands;

import io.feishubot.testsupport.CommandReceiver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A command endpoint on loopback for a Quarkus test, configured as {@code /flaky}; {@code /ping} is
 * limited to one user by configuration.
 */
public class CommandReceiverResource implements QuarkusTestResourceLifecycleManager {

  static final String SECRET = "flaky-secret-1c2d";
  static final String OPS_ROOM = "oc_ops_room";
  private static CommandReceiver receiver;

  static CommandReceiver receiver() {
    return receiver;
  }

  @Override
  public Map<String, String> start() {
    try {
      receiver = CommandReceiver.signedWith(SECRET);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of(
        "feishu.commands.flaky.url",
        receiver.url(),
        "feishu.commands.flaky.secret",
        SECRET,
        "feishu.commands.flaky.description",
        "Calls a flaky endpoint",
        "feishu.commands.flaky.timeout",
        "5s",
        "feishu.commands.ping.allowed-users",
        "ou_x",
        "feishu.commands.room.url",
        receiver.url(),
        "feishu.commands.room.allowed-chats",
        OPS_ROOM);
  }

  @Override
  public void stop() {
    if (receiver != null) {
      receiver.close();
    }
  }
}
