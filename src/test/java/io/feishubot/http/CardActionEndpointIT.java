package io.feishubot.http;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The approval flow, both callback schemes, against the packaged jar in the prod profile. */
@QuarkusIntegrationTest
class CardActionEndpointIT extends CardActionEndpointTest {}
