package io.feishubot.outbound;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * The slice of Alertmanager's API the Silence buttons use. Every failure, the fault-tolerance
 * policy's own included (attempt timeout, open circuit), arrives as an {@link
 * AlertmanagerApiException}, so callers outside this package need not know the policy. Blocking:
 * call it from a worker thread.
 */
@ApplicationScoped
public class AlertmanagerApi {

  private final AlertmanagerEndpoint endpoint;

  public AlertmanagerApi(AlertmanagerEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * Creates {@code silence} at {@code <base>/api/v2/silences} and returns its id.
   *
   * @throws AlertmanagerApiException when Alertmanager refuses or cannot be reached in time
   */
  public String createSilence(URI base, Silence silence) {
    try {
      return endpoint.createSilence(base, silence);
    } catch (FaultToleranceException e) {
      throw AlertmanagerApiException.of("create silence", 0);
    }
  }
}
