package io.feishubot.http;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The Alertmanager receiver against the packaged jar in the prod profile. */
@QuarkusIntegrationTest
class AlertsEndpointIT extends AlertsEndpointTest {}
