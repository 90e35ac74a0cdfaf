package com.example.profiles.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.example.profiles.config.RecommendConfig;
import com.example.profiles.dynamo.PagedScan;
import com.example.profiles.error.ProblemException;
import com.example.profiles.startup.StartupOrder;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;

/**
 * Holds the pod's in-memory catalog and reloads it: at start, every
 * {@code recommend.catalog.refresh}, and on demand. A new snapshot replaces the old one in a
 * single reference swap, so a request sees either the old catalog or the new one, never a mix.
 * Concurrent reload requests share one load.
 */
@ApplicationScoped
public class CatalogService {

    private static final Logger LOG = Logger.getLogger(CatalogService.class);

    private final ItemStore items;
    private final RecommendConfig config;
    private final Vertx vertx;
    private final AtomicReference<Catalog> current = new AtomicReference<>();
    private CompletableFuture<Catalog> inflight;
    private long timer = -1;

    public CatalogService(ItemStore items, RecommendConfig config, Vertx vertx) {
        this.items = items;
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes @Priority(StartupOrder.CATALOG) StartupEvent event) {
        if (!config.catalog().load()) {
            return;
        }
        requireAtLeastOne("recommend.catalog.scan-segments", config.catalog().scanSegments());
        requireAtLeastOne("recommend.catalog.scan-page-attempts", config.catalog().scanPageAttempts());
        // Not awaited: the pod starts at once and readiness stays DOWN until the first load.
        reloadInBackground();
        long period = Math.max(1_000, config.catalog().refresh().toMillis());
        timer = vertx.setPeriodic(period, id -> reloadInBackground());
    }

    private static void requireAtLeastOne(String key, int value) {
        if (value < 1) {
            throw new IllegalStateException(key + " must be at least 1, not " + value);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** The current snapshot, or null before the first load completed. */
    public Catalog current() {
        return current.get();
    }

    /** The current snapshot; before the first load completed, a 503 problem asking to retry in 2 s. */
    public Catalog requireCurrent() {
        Catalog catalog = current.get();
        if (catalog == null) {
            throw ProblemException.unavailable("the item catalog is still loading", 2, null);
        }
        return catalog;
    }

    /** Loads the catalog now (joining a load already running) and swaps it in. */
    public synchronized Uni<Catalog> reload() {
        if (inflight == null) {
            CompletableFuture<Catalog> load = load().subscribeAsCompletionStage();
            inflight = load;
            load.whenComplete((catalog, failure) -> {
                synchronized (this) {
                    inflight = null;
                }
            });
        }
        CompletableFuture<Catalog> shared = inflight;
        return Uni.createFrom().completionStage(() -> shared);
    }

    private void reloadInBackground() {
        reload().subscribe().with(
                catalog -> { },
                failure -> LOG.warnf("catalog reload failed, keeping version %s: %s",
                        current.get() == null ? "none" : current.get().version(), failure.toString()));
    }

    private PagedScan.Policy scanPolicy() {
        RecommendConfig.Catalog catalog = config.catalog();
        return new PagedScan.Policy(catalog.scanSegments(), catalog.scanPageTimeout(), catalog.scanPageAttempts(),
                Duration.ofMillis(200));
    }

    private Uni<Catalog> load() {
        long started = System.nanoTime();
        List<String> facets = CatalogBuilder.facetNames(config.catalog().facets());
        return items.scanForCatalog(scanPolicy(), facets)
                .map(item -> new CatalogBuilder.Row(item.getItemId(), item.getTitle(), item.getEmbedding(),
                        ItemFacets.of(item, facets)))
                .collect().in(ArrayList<CatalogBuilder.Row>::new, List::add)
                // Sorting, copying and quantising a large catalog is CPU work: off the event loop.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(rows -> CatalogBuilder.build(rows, config.precision().label(), facets))
                .map(built -> {
                    Catalog catalog = built.catalog();
                    Catalog previous = current.getAndSet(catalog);
                    if (previous == null || !previous.version().equals(catalog.version())) {
                        LOG.infof("catalog %s loaded: %d items of dimension %d, precision %s, in %d ms%s",
                                catalog.version(), catalog.size(), catalog.dimension(), catalog.precision(),
                                Duration.ofNanos(System.nanoTime() - started).toMillis(),
                                built.skipped() > 0 ? ", " + built.skipped() + " items of another dimension skipped" : "");
                    }
                    return catalog;
                });
    }
}
