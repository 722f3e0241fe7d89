package io.feishubot.http;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The oversized-body answers of the packaged jar, started as its own process (black-box). */
@QuarkusIntegrationTest
class OversizedBodyIT extends OversizedBodyTest {}
