package io.feishubot.http;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The endpoint tests again, against the packaged jar in the prod profile. Run with {@code
 * -DskipITs=false}; with {@code -Dquarkus.package.jar.aot.enabled=true} on Java 25 these runs also
 * train the AOT cache ({@code target/quarkus-app/app.aot}).
 */
@QuarkusIntegrationTest
class FeishuEventEndpointIT extends FeishuEventEndpointTest {}
