package io.feishubot.emulator;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link EmulatorAbsentTest} against the packaged jar, as it is deployed. */
@QuarkusIntegrationTest
class EmulatorAbsentIT extends EmulatorAbsentTest {}
