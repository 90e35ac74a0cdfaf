package com.example.profiles.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import com.example.profiles.catalog.Catalog;
import com.example.profiles.catalog.CatalogService;
import com.example.profiles.recommend.ScoringEngine;

/** Not ready until the first catalog load completed: recommendations need it. */
@Readiness
@ApplicationScoped
public class CatalogReadinessCheck implements HealthCheck {

    private final CatalogService catalogs;
    private final ScoringEngine engine;

    public CatalogReadinessCheck(CatalogService catalogs, ScoringEngine engine) {
        this.catalogs = catalogs;
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        Catalog catalog = catalogs.current();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("catalog")
                .status(catalog != null)
                .withData("kernel", engine.kernel().name())
                .withData("kernel_reason", engine.kernelReason())
                .withData("parallelism", engine.parallelism());
        if (catalog != null) {
            response.withData("items", catalog.size())
                    .withData("dimension", catalog.dimension())
                    .withData("catalog_version", catalog.version())
                    .withData("precision", catalog.precision().label())
                    .withData("loaded_at", catalog.loadedAt().toString());
        }
        return response.build();
    }
}
