package io.feishubot.router.deploy;

import java.util.Map;
import java.util.Objects;

/**
 * A deploy awaiting approval, as the approval card's buttons carry it back.
 *
 * @param requester the open_id of who asked
 */
record DeployRequest(String service, String version, String requester) {

  DeployRequest {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(requester, "requester");
  }

  Map<String, String> arguments() {
    return Map.of("service", service, "version", version, "requester", requester);
  }

  /** The request a button carried, or null when its arguments are not a deploy's. */
  static DeployRequest from(Map<String, String> arguments) {
    String service = arguments.get("service");
    String version = arguments.get("version");
    String requester = arguments.get("requester");
    return service == null || version == null || requester == null
        ? null
        : new DeployRequest(service, version, requester);
  }
}
