package io.feishubot.jobs;

/** How an attempt to run a job ended. */
public sealed interface JobOutcome {

  /** The command ran and its reply was posted. */
  record Finished() implements JobOutcome {}

  /** The command failed or timed out, and an error reply naming it was posted. */
  record Failed(String reason) implements JobOutcome {}

  /** The job was finished already, by this or another worker: nothing ran. */
  record AlreadyDone() implements JobOutcome {}

  /**
   * Nothing ran and the job is not done: another worker holds its lease, the store could not be
   * reached, or the reply could not be posted. A later attempt (Lambda's retry of the invocation)
   * may run it once the lease is free.
   */
  record NotRun(String reason) implements JobOutcome {}
}
