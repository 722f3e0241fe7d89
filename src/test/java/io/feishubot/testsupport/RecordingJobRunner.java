package io.feishubot.testsupport;

import io.feishubot.jobs.Job;
import io.feishubot.jobs.JobOutcome;
import io.feishubot.jobs.JobRunner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.ArrayList;
import java.util.List;

/**
 * A job runner that records the jobs it is handed and ends each with a chosen outcome: for tests of
 * how a job arrives and how its outcome is answered, not of running it (the real runner's tests do
 * that). An alternative, off unless a test profile selects it.
 */
@Alternative
@ApplicationScoped
public class RecordingJobRunner implements JobRunner {

  private final List<Job> jobs = new ArrayList<>();
  private volatile JobOutcome outcome = new JobOutcome.Finished();

  @Override
  public synchronized JobOutcome run(Job job) {
    jobs.add(job);
    return outcome;
  }

  public void endWith(JobOutcome outcome) {
    this.outcome = outcome;
  }

  public synchronized List<Job> jobs() {
    return List.copyOf(jobs);
  }

  public synchronized void reset() {
    jobs.clear();
    outcome = new JobOutcome.Finished();
  }
}
