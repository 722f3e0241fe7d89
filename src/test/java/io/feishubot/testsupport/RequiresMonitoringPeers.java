package io.feishubot.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test class runs Debian's Prometheus and Alertmanager (and their {@code promtool} and {@code
 * amtool}). Without them it is skipped with one message saying how to install them, except under
 * {@code CI=true}, where a missing binary fails the class: CI installs them ({@code .ci/run}) and
 * must never skip these tests. Evaluated before Quarkus boots, so a skip costs nothing.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(MonitoringBinaries.Condition.class)
public @interface RequiresMonitoringPeers {}
