package io.feishubot.jobs;

import io.feishubot.config.FeishuConfig;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Chooses where jobs run by {@code feishu.jobs.dispatch}. A {@code @DefaultBean}: a {@link
 * JobDispatcher} bean of the application's own replaces it.
 *
 * <p>The in-process dispatcher is stopped on {@link ShutdownEvent}. Quarkus runs its shutdown tasks
 * in reverse order of registration, and the task that fires it is registered after Vert.x core and
 * the bean container are set up but before the HTTP socket opens (the step order of the generated
 * {@code ApplicationImpl}, Quarkus 3.33): so the port is closed first, and jobs finishing within
 * the grace can still reach the idempotency store and post their replies, since Vert.x closes and
 * beans are destroyed only afterwards. A {@code @PreDestroy} would run in no defined order with the
 * store's and the sender's.
 */
@ApplicationScoped
public class JobDispatcherProducer {

  private final FeishuConfig config;
  private final LambdaJobs lambda;
  private final AtomicReference<InProcessJobDispatcher> inProcess = new AtomicReference<>();

  JobDispatcherProducer(FeishuConfig config, LambdaJobs lambda) {
    this.config = config;
    this.lambda = lambda;
  }

  @Produces
  @DefaultBean
  @ApplicationScoped
  JobDispatcher jobDispatcher(JobRunner runner) {
    FeishuConfig.Jobs jobs = config.jobs();
    return switch (where(jobs.dispatch(), lambda.functionName())) {
      case IN_PROCESS -> {
        InProcessJobDispatcher dispatcher =
            new InProcessJobDispatcher(
                runner, jobs.concurrency(), jobs.queue(), jobs.shutdownGrace());
        inProcess.set(dispatcher);
        yield dispatcher;
      }
      case LAMBDA -> lambda.dispatcher();
      case AUTO -> throw new IllegalStateException("where() resolves auto");
    };
  }

  /** {@code auto} is in-process unless running on AWS Lambda. */
  static FeishuConfig.Jobs.Dispatch where(
      FeishuConfig.Jobs.Dispatch configured, Optional<String> lambdaFunctionName) {
    if (configured != FeishuConfig.Jobs.Dispatch.AUTO) {
      return configured;
    }
    return lambdaFunctionName.filter(name -> !name.isBlank()).isPresent()
        ? FeishuConfig.Jobs.Dispatch.LAMBDA
        : FeishuConfig.Jobs.Dispatch.IN_PROCESS;
  }

  void stopJobs(@Observes ShutdownEvent shutdown) {
    InProcessJobDispatcher dispatcher = inProcess.get();
    if (dispatcher != null) {
      dispatcher.shutdown();
    }
  }
}
