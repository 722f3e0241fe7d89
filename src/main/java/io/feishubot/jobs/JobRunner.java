package io.feishubot.jobs;

/**
 * Runs a job exactly once, where it was dispatched to: takes the job's lease in the idempotency
 * store, runs the command under its timeout while renewing the lease, posts its reply (or an error
 * naming the command), and marks the job done. Blocks for as long as the job runs.
 */
public interface JobRunner {

  /** Runs {@code job} unless another worker holds it or finished it already. */
  JobOutcome run(Job job);

  /**
   * Gives up the lease of a job whose {@link #run} was interrupted and has not returned (a
   * shutdown), so that a retry need not wait for the lease to lapse. Does nothing by default.
   */
  default void release(Job job) {}
}
