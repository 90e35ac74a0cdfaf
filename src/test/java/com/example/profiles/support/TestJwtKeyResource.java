package com.example.profiles.support;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points token verification at the test public key by file path: the packaged jar that
 * {@code @QuarkusIntegrationTest} starts has no test resources on its class path.
 */
@QuarkusTestResource(value = TestJwtKeyResource.class, restrictToAnnotatedClass = false)
public class TestJwtKeyResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Path key = Path.of("src", "test", "resources", "test-jwt", "public-key.pem").toAbsolutePath();
        return Map.of("mp.jwt.verify.publickey.location", key.toString());
    }

    @Override
    public void stop() {
    }
}
