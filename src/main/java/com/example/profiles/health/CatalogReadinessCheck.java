package com.example.profiles.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import com.example.profiles.catalog.Catalog;
import com.example.profiles.catalog.CatalogHolder;
import com.example.profiles.catalog.Embeddings;
import com.example.profiles.model.ModelDefinition;
import com.example.profiles.config.RecommendConfig;
import com.example.profiles.recommend.ScoringEngine;

/**
 * Not ready until the first catalog load completed: recommendations need it. An empty catalog is
 * ready (items can still be imported through this pod) but says so, with what to do about it.
 */
@Readiness
@ApplicationScoped
public class CatalogReadinessCheck implements HealthCheck {

    private final CatalogHolder catalogs;
    private final ScoringEngine engine;
    private final RecommendConfig config;

    public CatalogReadinessCheck(CatalogHolder catalogs, ScoringEngine engine, RecommendConfig config) {
        this.catalogs = catalogs;
        this.engine = engine;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        Catalog catalog = catalogs.current();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("catalog")
                .status(catalog != null && (catalog.size() == 0 || servingLoaded(catalog)))
                .withData("kernel", engine.kernel().name())
                .withData("kernel_reason", engine.kernelReason())
                .withData("parallelism", engine.parallelism())
                .withData("catalog_state", catalog == null ? "loading" : catalog.size() == 0 ? "empty" : "loaded");
        if (catalog != null && catalog.size() == 0) {
            response.withData("catalog_hint", "no items in table " + config.itemsTable()
                    + ": recommendations are empty lists; seed the demo catalog with RECOMMEND_DEMO_SEED=true "
                    + "or import items (POST /v1/items/import)");
        }
        if (catalog != null) {
            response.withData("items", catalog.size())
                    .withData("dimension", catalog.dimension())
                    .withData("catalog_version", catalog.version())
                    .withData("precision", catalog.primary() == null ? "float32" : catalog.primary().precision().label())
                    .withData("loaded_at", catalog.loadedAt().toString());
        }
        if (catalog != null) {
            for (ModelDefinition model : catalog.registry().models().values()) {
                Embeddings loaded = catalog.embeddings(model.name());
                response.withData("catalog_state." + model.name(), model.retired() ? "retired"
                        : loaded != null ? "loaded" : catalog.size() == 0 ? "empty" : "no item vectors");
            }
        }
        return response.build();
    }

    /** Every model with a share of the traffic has its vectors in memory. */
    private static boolean servingLoaded(Catalog catalog) {
        return catalog.registry().serving().stream().allMatch(model -> catalog.embeddings(model) != null);
    }
}
