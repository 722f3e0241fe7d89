package io.feishubot.outbound;

import io.feishubot.config.FeishuConfig;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/**
 * The default {@link MessageSender}: the Open API when the app has credentials, a logged dry run
 * when it has not. A {@code MessageSender} bean of the application's own replaces it.
 */
@ApplicationScoped
public class MessageSenderProducer {

  private static final Logger LOG = Logger.getLogger(MessageSenderProducer.class);

  @Produces
  @DefaultBean
  @ApplicationScoped
  MessageSender messageSender(FeishuConfig config, Instance<OpenApiMessageSender> openApi) {
    if (config.dryRunEffective()) {
      LOG.warn("messages are a dry run: set FEISHU_APP_ID and FEISHU_APP_SECRET to send them");
      return new DryRunMessageSender();
    }
    return openApi.get();
  }
}
