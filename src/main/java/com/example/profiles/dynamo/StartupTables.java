package com.example.profiles.dynamo;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.example.profiles.catalog.ItemSchema;
import com.example.profiles.config.ProfilesConfig;
import com.example.profiles.config.RecommendConfig;
import com.example.profiles.profile.ProfileSchema;

import io.quarkus.runtime.StartupEvent;

/** With {@code profiles.create-tables}, creates the service's tables before it takes traffic. */
@ApplicationScoped
public class StartupTables {

    /** After the dev-mode engine has started (priority 10), before demo data is seeded. */
    public static final int PRIORITY = 100;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final TableProvisioner provisioner;
    private final ProfilesConfig config;
    private final RecommendConfig recommend;

    public StartupTables(TableProvisioner provisioner, ProfilesConfig config, RecommendConfig recommend) {
        this.provisioner = provisioner;
        this.config = config;
        this.recommend = recommend;
    }

    void onStart(@Observes @Priority(PRIORITY) StartupEvent event) {
        if (!config.createTables()) {
            return;
        }
        // Start-up runs on the main thread, not the event loop: waiting here is intended, so
        // that no request is served before the tables exist.
        boolean streams = config.createTablesStreams();
        provisioner.ensureTable(config.table(), ProfileSchema.USER_ID, streams, TIMEOUT)
                .flatMap(ignored -> provisioner.ensureTable(recommend.itemsTable(), ItemSchema.ITEM_ID, streams, TIMEOUT))
                // Each call is bounded by the client's timeouts; an engine still starting gets a few more tries.
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(5)).atMost(5)
                .await().atMost(TIMEOUT.plusSeconds(5));
    }
}
