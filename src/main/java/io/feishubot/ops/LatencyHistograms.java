package io.feishubot.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Publishes histogram buckets for the bot's own timers ({@code feishu.*}) and for HTTP server
 * requests (the ack latency Feishu sees), so Prometheus can compute a p99 across instances ({@code
 * histogram_quantile}); client-side percentiles could not be aggregated. The range covers what
 * matters for Feishu's 3 s ack.
 */
@Singleton
public class LatencyHistograms {

  private static final String HTTP_SERVER = "http.server.requests";
  private static final String JOBS = "feishu.jobs.duration";

  @Produces
  @Singleton
  MeterFilter feishuTimerHistograms() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(
          Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() != Meter.Type.TIMER
            || !(id.getName().startsWith("feishu.") || id.getName().equals(HTTP_SERVER))) {
          return config;
        }
        // Jobs run after the ack, for up to their timeout (minutes); everything else within 3 s.
        Duration longest =
            id.getName().equals(JOBS) ? Duration.ofMinutes(30) : Duration.ofSeconds(10);
        return DistributionStatisticConfig.builder()
            .percentilesHistogram(true)
            .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
            .maximumExpectedValue((double) longest.toNanos())
            .build()
            .merge(config);
      }
    };
  }
}
