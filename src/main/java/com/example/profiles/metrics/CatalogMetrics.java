package com.example.profiles.metrics;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.example.profiles.catalog.Catalog;
import com.example.profiles.catalog.CatalogService;
import com.example.profiles.recommend.ScoringEngine;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * Gauges of the pod's catalog snapshot ({@code catalog_items}, {@code catalog_dimension},
 * {@code catalog_age_seconds}: NaN before the first load) and of the scoring kernel chosen at
 * start ({@code recommend_kernel_info{kernel="..."} 1}).
 */
@ApplicationScoped
public class CatalogMetrics {

    private final MeterRegistry registry;
    private final CatalogService catalogs;
    private final ScoringEngine engine;

    public CatalogMetrics(MeterRegistry registry, CatalogService catalogs, ScoringEngine engine) {
        this.registry = registry;
        this.catalogs = catalogs;
        this.engine = engine;
    }

    void register(@Observes StartupEvent event) {
        Gauge.builder("catalog.items", catalogs, c -> size(c.current()))
                .description("Items in the loaded catalog snapshot").strongReference(true).register(registry);
        Gauge.builder("catalog.dimension", catalogs, c -> c.current() == null ? Double.NaN : c.current().dimension())
                .description("Embedding dimension of the loaded catalog").strongReference(true).register(registry);
        Gauge.builder("catalog.age", catalogs, c -> ageSeconds(c.current()))
                .description("Seconds since the catalog snapshot in use was loaded")
                .baseUnit("seconds").strongReference(true).register(registry);
        Gauge.builder("recommend.kernel.info", () -> 1)
                .description("The scoring kernel chosen at start (value always 1)")
                .tag("kernel", engine.kernel().name())
                .strongReference(true).register(registry);
    }

    private static double size(Catalog catalog) {
        return catalog == null ? Double.NaN : catalog.size();
    }

    private static double ageSeconds(Catalog catalog) {
        if (catalog == null) {
            return Double.NaN;
        }
        return Duration.between(catalog.loadedAt(), Instant.now()).toMillis() / 1000.0;
    }
}
