package com.example.profiles.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;

/**
 * Gauges of the pod's catalog snapshot ({@code catalog_items}, {@code catalog_dimension},
 * {@code catalog_age_seconds}: NaN before the first load), and per loaded model the items that have a vector in
 * it and the bytes its vectors take ({@code catalog_model_items{model}}, {@code catalog_model_bytes{model}}).
 */
@ApplicationScoped
public class CatalogMetrics {

    private final MeterRegistry registry;
    private final CatalogHolder catalogs;
    private final CatalogRefresher refresher;

    public CatalogMetrics(MeterRegistry registry, CatalogHolder catalogs, CatalogRefresher refresher) {
        this.registry = registry;
        this.catalogs = catalogs;
        this.refresher = refresher;
    }

    private MultiGauge modelItems;
    private MultiGauge modelBytes;

    void register(@Observes StartupEvent event) {
        modelItems = MultiGauge.builder("catalog.model.items")
                .description("Items with a vector in the model, in the loaded catalog snapshot").register(registry);
        modelBytes = MultiGauge.builder("catalog.model.bytes").baseUnit("bytes")
                .description("Memory the model's vectors take in the loaded catalog snapshot (float32 and int8)")
                .register(registry);
        Gauge.builder("catalog.items", catalogs, c -> size(c.current()))
                .description("Items in the loaded catalog snapshot").strongReference(true).register(registry);
        Gauge.builder("catalog.dimension", catalogs, c -> c.current() == null ? Double.NaN : c.current().dimension())
                .description("Embedding dimension of the loaded catalog").strongReference(true).register(registry);
        Gauge.builder("catalog.age", catalogs, c -> ageSeconds(c.current()))
                .description("Seconds since the catalog snapshot in use was loaded")
                .baseUnit("seconds").strongReference(true).register(registry);
        for (CatalogRefresh.Kind kind : CatalogRefresh.Kind.values()) {
            FunctionCounter.builder("catalog.refresh.items.read", refresher, r -> r.itemsRead(kind))
                    .description("Rows read from the items table by catalog refreshes (full: a Scan of the table;"
                            + " incremental: the changes since the snapshot)")
                    .tag("kind", kind.tag()).register(registry);
            FunctionCounter.builder("catalog.refreshes", refresher, r -> r.refreshes(kind))
                    .description("Catalog refreshes completed").tag("kind", kind.tag()).register(registry);
        }
    }

    /** Shows the models of the snapshot just swapped in (a retired model's gauges go away). */
    void modelsOf(@Observes CatalogSwapped swapped) {
        Catalog catalog = swapped.catalog();
        if (modelItems == null) {
            return;
        }
        List<MultiGauge.Row<?>> items = new ArrayList<>();
        List<MultiGauge.Row<?>> bytes = new ArrayList<>();
        catalog.models().forEach((model, embeddings) -> {
            items.add(MultiGauge.Row.of(Tags.of("model", model), embeddings.items()));
            bytes.add(MultiGauge.Row.of(Tags.of("model", model), embeddings.bytes()));
        });
        modelItems.register(items, true);
        modelBytes.register(bytes, true);
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
