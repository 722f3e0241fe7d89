package io.feishubot.emulator;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A revision number that grows with every change the page should see, and a signal for the page's
 * long poll: it waits for the next change instead of asking again and again.
 */
@ApplicationScoped
public class Changes {

  private long revision;
  private CompletableFuture<Long> next = new CompletableFuture<>();

  public synchronized long revision() {
    return revision;
  }

  /** Records a change and wakes every waiting poll. */
  public void bump() {
    CompletableFuture<Long> woken;
    long current;
    synchronized (this) {
      current = ++revision;
      woken = next;
      next = new CompletableFuture<>();
    }
    // Outside the lock: completing runs the waiting polls' continuations.
    woken.complete(current);
  }

  /**
   * Completes at once if something changed after {@code seen}, else at the next change. A {@code
   * seen} from the future means the app restarted (dev mode reloads) and counts as a change.
   */
  public synchronized CompletionStage<Long> after(long seen) {
    return revision != seen ? CompletableFuture.completedFuture(revision) : next.copy();
  }
}
