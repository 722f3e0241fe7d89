package io.feishubot.http;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The same black-box scenarios against the packaged jar, started as its own process in the prod
 * profile with the settings a deployment would give it.
 */
@QuarkusIntegrationTest
class FeishuEventEndpointIT extends FeishuEventEndpointTest {}
