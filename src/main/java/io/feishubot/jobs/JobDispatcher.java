package io.feishubot.jobs;

/**
 * Hands a job over to where it runs: a bounded executor in this JVM, or an asynchronous invocation
 * of this Lambda function. Returns once the job is accepted, never after it ran.
 */
public interface JobDispatcher {

  /**
   * Accepts {@code job} to run once, soon.
   *
   * @throws JobRefusedException when it cannot take the job now (queue full, shutting down, the
   *     invocation refused): the delivery is then answered 503 and Feishu redelivers it
   */
  void dispatch(Job job);
}
