package com.example.profiles.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.example.profiles.localengine.DynoxideProcess;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Every @QuarkusTest runs against a real engine: an in-memory dynoxide on a free port, started
 * once for the test run and stopped after it.
 */
@QuarkusTestResource(value = DynoxideTestResource.class, restrictToAnnotatedClass = false)
public class DynoxideTestResource implements QuarkusTestResourceLifecycleManager {

    private DynoxideProcess engine;

    @Override
    public Map<String, String> start() {
        int port = DynoxideProcess.freePort();
        engine = DynoxideProcess.start(DynoxideProcess.DEFAULT_BINARY, port, null,
                Path.of("target", "dynoxide-test-" + port + ".log"), Duration.ofSeconds(15));
        return Map.of("quarkus.dynamodb.endpoint-override", engine.endpoint());
    }

    @Override
    public void stop() {
        if (engine != null) {
            engine.close();
        }
    }
}
