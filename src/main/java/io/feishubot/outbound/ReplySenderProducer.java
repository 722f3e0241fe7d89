package io.feishubot.outbound;

import io.feishubot.config.FeishuConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/** Sends for real when the app has credentials, and logs a dry run when it has not. */
@ApplicationScoped
public class ReplySenderProducer {

  private static final Logger LOG = Logger.getLogger(ReplySenderProducer.class);

  @Produces
  @ApplicationScoped
  ReplySender replySender(FeishuConfig config, Instance<OpenApiReplySender> openApi) {
    if (config.dryRunEffective()) {
      LOG.warn("replies are a dry run: set FEISHU_APP_ID and FEISHU_APP_SECRET to send them");
      return new DryRunReplySender();
    }
    return openApi.get();
  }
}
