package io.feishubot.outbound;

import io.feishubot.outbound.CommandCallException.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * Calls configured commands' endpoints. Every failure, the fault-tolerance policy's own included
 * (full bulkhead, open circuit), arrives as a {@link CommandCallException}, so callers outside this
 * package need not know the policy. Blocking.
 */
@ApplicationScoped
public class CommandEndpoints {

  private final CommandEndpoint endpoint;

  public CommandEndpoints(CommandEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * POSTs {@code call} once and returns the endpoint's 2xx answer.
   *
   * @throws CommandCallException when there is no usable answer
   */
  public CommandAnswer call(CommandCall call) {
    try {
      return endpoint.call(call);
    } catch (CircuitBreakerOpenException e) {
      throw new CommandCallException(Kind.CIRCUIT_OPEN, -1);
    } catch (BulkheadException e) {
      throw new CommandCallException(Kind.BUSY, -1);
    } catch (FaultToleranceException e) {
      throw new CommandCallException(Kind.UNREACHABLE, -1);
    }
  }
}
