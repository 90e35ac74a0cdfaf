package com.example.profiles.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import com.example.profiles.config.ProfilesConfig;
import com.example.profiles.dynamo.TableProvisioner;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/** Ready while the profile table can be described within a short timeout. */
@Readiness
@ApplicationScoped
public class StoreReadinessCheck implements AsyncHealthCheck {

    private final TableProvisioner tables;
    private final ProfilesConfig config;

    public StoreReadinessCheck(TableProvisioner tables, ProfilesConfig config) {
        this.tables = tables;
        this.config = config;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return tables.status(config.table())
                .ifNoItem().after(config.health().timeout()).fail()
                .map(status -> HealthCheckResponse.named("profile-store")
                        .status(status != null)
                        .withData("table", config.table())
                        .withData("region", config.region())
                        .withData("table_status", status == null ? "MISSING" : status.toString())
                        .build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named("profile-store")
                        .down()
                        .withData("table", config.table())
                        .withData("region", config.region())
                        .withData("error", failure.getClass().getSimpleName())
                        .build());
    }
}
