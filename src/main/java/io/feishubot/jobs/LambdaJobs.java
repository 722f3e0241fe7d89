package io.feishubot.jobs;

import io.feishubot.config.FeishuConfig;
import io.feishubot.outbound.LambdaInvokeEndpoint;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The Lambda side of {@code feishu.jobs.dispatch}: whether jobs go to Lambda, and the {@link
 * LambdaJobDispatcher} that sends them there. The function's own name comes from {@code
 * AWS_LAMBDA_FUNCTION_NAME}, which Lambda sets in every function's environment, and the alias it
 * invokes from {@code feishu.jobs.lambda-qualifier}.
 */
@ApplicationScoped
public class LambdaJobs {

  /** The variable Lambda sets to the function's name; read through MicroProfile Config. */
  public static final String FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";

  private static final Logger LOG = Logger.getLogger(LambdaJobs.class);

  private final FeishuConfig config;
  private final JobSignatures signatures;
  private final Instance<LambdaInvokeEndpoint> endpoint;
  private final Optional<String> functionName;
  private final Clock clock;

  LambdaJobs(
      FeishuConfig config,
      JobSignatures signatures,
      Instance<LambdaInvokeEndpoint> endpoint,
      @ConfigProperty(name = FUNCTION_NAME) Optional<String> functionName,
      Clock clock) {
    this.config = config;
    this.signatures = signatures;
    this.endpoint = endpoint;
    this.functionName = functionName.filter(name -> !name.isBlank());
    this.clock = clock;
  }

  /**
   * The function's name, when running on Lambda; {@code feishu.jobs.dispatch=auto} then chooses
   * Lambda ({@link JobDispatcherProducer#where}).
   */
  public Optional<String> functionName() {
    return functionName;
  }

  /** Whether jobs run in another invocation of this function. */
  public boolean chosen() {
    return JobDispatcherProducer.where(config.jobs().dispatch(), functionName)
        == FeishuConfig.Jobs.Dispatch.LAMBDA;
  }

  /**
   * The dispatcher that invokes this function.
   *
   * @throws IllegalStateException naming every missing setting, so that startup fails with a
   *     message an operator can act on rather than every deferred command failing later
   */
  public LambdaJobDispatcher dispatcher() {
    List<String> missing = new ArrayList<>();
    if (functionName.isEmpty()) {
      missing.add(FUNCTION_NAME + " (set by Lambda itself; feishu.jobs.dispatch=lambda elsewhere)");
    }
    if (signatures.codec().isEmpty()) {
      missing.add("feishu.app-secret (FEISHU_APP_SECRET), which the job signing key derives from");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "feishu-bot cannot dispatch jobs to Lambda, missing: " + String.join(", ", missing));
    }
    return new LambdaJobDispatcher(
        signatures.codec().orElseThrow(),
        endpoint.get(),
        functionName.orElseThrow(),
        config.jobs().lambdaQualifier().filter(qualifier -> !qualifier.isBlank()),
        clock);
  }

  /**
   * When jobs go to Lambda, checks the settings at startup and warms the SDK client up with a dry
   * run, then (or in the SnapStart snapshot) rather than in the first delivery's 3 s. A failed dry
   * run is not fatal: deferred commands answer 503 until Lambda takes their invocations.
   */
  void prepareAtStartup(@Observes StartupEvent startup) {
    if (!chosen()) {
      return;
    }
    dispatcher();
    String qualifier = config.jobs().lambdaQualifier().filter(q -> !q.isBlank()).orElse(null);
    if (!endpoint.get().dryRun(functionName.orElseThrow(), qualifier)) {
      LOG.warnf(
          "Lambda did not accept a dry run of the function's own invocation at startup:"
              + " check lambda:InvokeFunction on it");
    }
  }
}
