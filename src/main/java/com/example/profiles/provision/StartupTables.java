package com.example.profiles.provision;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.example.profiles.dynamo.TableProvisioner;
import com.example.profiles.dynamo.TableSpec;
import com.example.profiles.startup.StartupOrder;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;

/** With {@code profiles.create-tables}, creates the service's tables before it takes traffic. */
@ApplicationScoped
public class StartupTables {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final TableProvisioner provisioner;
    private final ProvisionConfig config;
    private final ServiceTables tables;

    public StartupTables(TableProvisioner provisioner, ProvisionConfig config, ServiceTables tables) {
        this.provisioner = provisioner;
        this.config = config;
        this.tables = tables;
    }

    void onStart(@Observes @Priority(StartupOrder.TABLES) StartupEvent event) {
        if (!config.createTables()) {
            return;
        }
        // Start-up runs on the main thread, not the event loop: waiting here is intended, so
        // that no request is served before the tables exist.
        boolean streams = config.createTablesStreams();
        Multi.createFrom().iterable(tables.all())
                .onItem().transformToUniAndConcatenate((TableSpec table) -> provisioner.ensureTable(table, streams, TIMEOUT))
                .collect().last()
                // Each call is bounded by the client's timeouts; an engine still starting gets a few more tries.
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(5)).atMost(5)
                .await().atMost(TIMEOUT.plusSeconds(5));
    }
}
