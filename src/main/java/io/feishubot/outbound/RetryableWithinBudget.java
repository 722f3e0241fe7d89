package io.feishubot.outbound;

import java.util.function.Predicate;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Which failures of an Open API attempt are retried: transient ones while a retry still fits in the
 * event's deadline (after any rate-limit reset), and timed-out attempts. Token rejections,
 * permanent errors, an open circuit, a full bulkhead and an exhausted deadline are not.
 */
public final class RetryableWithinBudget implements Predicate<Throwable> {

  @Override
  public boolean test(Throwable failure) {
    if (failure instanceof TransientFeishuException transientFailure) {
      return transientFailure.retryFits();
    }
    return failure instanceof TimeoutException;
  }
}
