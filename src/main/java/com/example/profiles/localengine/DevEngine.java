package com.example.profiles.localengine;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.example.profiles.startup.StartupOrder;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Dev mode's built-in DynamoDB: with {@code profiles.local-engine.enabled} (set in the dev
 * profile), starts dynoxide on its fixed port with an on-disk database under target/ before
 * anything touches the store, and stops it when the application stops.
 */
@ApplicationScoped
public class DevEngine {

    private static final Logger LOG = Logger.getLogger(DevEngine.class);

    private final LocalEngineConfig config;
    private DynoxideProcess engine;

    public DevEngine(LocalEngineConfig config) {
        this.config = config;
    }

    void onStart(@Observes @Priority(StartupOrder.LOCAL_ENGINE) StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        if (DynoxideProcess.isListening(config.port())) {
            // A server from an earlier run still holds the port (and so the database file):
            // starting a second one on the same file would corrupt it.
            LOG.warnf("port %d is already in use; using the engine listening there", config.port());
            return;
        }
        engine = DynoxideProcess.start(config.binary(), config.port(), config.dbPath(),
                config.dbPath().resolveSibling("dynoxide-dev.log"), Duration.ofSeconds(15));
        LOG.infof("local DynamoDB engine (dynoxide) listening on %s, data in %s", engine.endpoint(),
                config.dbPath().toAbsolutePath());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
