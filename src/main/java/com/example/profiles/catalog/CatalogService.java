package com.example.profiles.catalog;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

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
    /** The rows behind the snapshot; null when the next refresh must be a full load. */
    private volatile CatalogRows rows;
    private volatile CatalogRefresh last;
    private final Map<CatalogRefresh.Kind, LongAdder> itemsRead = counters();
    private final Map<CatalogRefresh.Kind, LongAdder> refreshes = counters();
    private CompletableFuture<Catalog> inflight;
    private long timer = -1;

    public CatalogService(ItemStore items, RecommendConfig config, Vertx vertx) {
        this.items = items;
        this.config = config;
        this.vertx = vertx;
    }

    private static Map<CatalogRefresh.Kind, LongAdder> counters() {
        Map<CatalogRefresh.Kind, LongAdder> counters = new EnumMap<>(CatalogRefresh.Kind.class);
        for (CatalogRefresh.Kind kind : CatalogRefresh.Kind.values()) {
            counters.put(kind, new LongAdder());
        }
        return counters;
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

    /** What the last refresh did, or null before the first one ended. */
    public CatalogRefresh lastRefresh() {
        return last;
    }

    /** Rows read from the store by refreshes of this kind since start. */
    public long itemsRead(CatalogRefresh.Kind kind) {
        return itemsRead.get(kind).sum();
    }

    /** Refreshes of this kind that completed since start. */
    public long refreshes(CatalogRefresh.Kind kind) {
        return refreshes.get(kind).sum();
    }

    private Uni<Catalog> load() {
        CatalogRows base = rows;
        long now = System.currentTimeMillis();
        String reason = fullLoadReason(base, now);
        if (reason != null) {
            return fullLoad(reason);
        }
        return items.storedDimension(false)
                // 0 -> d is the first write claiming the dimension: every item it wrote carries a change stamp
                .flatMap(dimension -> dimension != base.storedDimension() && base.storedDimension() != 0
                        ? fullLoad("the stored dimension is now " + dimension)
                        : incremental(base, dimension))
                // A store that does not answer now may later: keep the snapshot. Anything else (a table
                // without the change index) cannot be read incrementally: load it all.
                .onFailure(failure -> !(failure instanceof ProblemException problem && problem.status() == 503))
                .recoverWithUni(failure -> fullLoad("the changes cannot be read (" + failure.getMessage() + ")"));
    }

    /** Why the snapshot cannot be brought up to date from the change index alone; null when it can. */
    private String fullLoadReason(CatalogRows base, long now) {
        RecommendConfig.Catalog settings = config.catalog();
        if (base == null) {
            return "no snapshot yet";
        }
        if (!settings.incremental()) {
            return "incremental refresh is off";
        }
        if (now - base.since() > settings.tombstoneRetention().minus(settings.changeOverlap()).toMillis()) {
            return "the snapshot is older than the tombstone retention";
        }
        if (now - base.fullLoadAt() > settings.fullRefresh().toMillis()) {
            return "periodic full load";
        }
        return null;
    }

    private Uni<Catalog> fullLoad(String reason) {
        long started = System.currentTimeMillis();
        List<String> facets = CatalogBuilder.facetNames(config.catalog().facets());
        FacetCodes codes = new FacetCodes(facets);
        LongAdder read = new LongAdder();
        // Whatever fails here forces the next refresh to be a full load too.
        rows = null;
        return items.storedDimension(false).flatMap(dimension -> items.scanForCatalog(scanPolicy(), facets, read)
                // Rows go straight into chunks: no object per item survives the scan.
                .collect().in(() -> new RowBuffer(codes, dimension), (buffer, item) -> buffer.add(row(item, facets)))
                // Sorting, copying and quantising a large catalog is CPU work: off the event loop.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(loaded -> {
                    CatalogBuilder.Built built = CatalogBuilder.build(loaded, config.precision().label());
                    Catalog catalog = swapIn(built, started, "full load, " + reason);
                    rows = CatalogRows.of(built, codes, started, started, dimension);
                    record(new CatalogRefresh(CatalogRefresh.Kind.FULL, read.sum(), true, reason));
                    return catalog;
                }));
    }

    private Uni<Catalog> incremental(CatalogRows base, int storedDimension) {
        long started = System.currentTimeMillis();
        List<String> facets = CatalogBuilder.facetNames(config.catalog().facets());
        LongAdder read = new LongAdder();
        long from = base.since() - config.catalog().changeOverlap().toMillis();
        return items.changesSince(from, facets, config.catalog().scanPageTimeout(), read)
                // null: deleted (a SimpleEntry may hold null, Map.entry may not)
                .map(change -> (Map.Entry<String, CatalogBuilder.Row>) new AbstractMap.SimpleEntry<>(change.itemId(),
                        change.item() == null ? null : row(change.item(), facets)))
                .collect().asList()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(changes -> {
                    try {
                        RowBuffer changed = base.apply(changes);
                        if (changed == null) {
                            rows = base.advancedTo(started, storedDimension);
                            record(new CatalogRefresh(CatalogRefresh.Kind.INCREMENTAL, read.sum(), false, null));
                            return current.get();
                        }
                        CatalogBuilder.Built built = CatalogBuilder.build(changed, config.precision().label());
                        Catalog catalog = swapIn(built, started, changes.size() + " changed rows read");
                        rows = CatalogRows.of(built, base.codes(), started, base.fullLoadAt(), storedDimension);
                        record(new CatalogRefresh(CatalogRefresh.Kind.INCREMENTAL, read.sum(), true, null));
                        return catalog;
                    } catch (RuntimeException e) {
                        // Start over from a full load rather than trust a half-applied refresh.
                        rows = null;
                        throw e;
                    }
                });
    }

    private static CatalogBuilder.Row row(CatalogItem item, List<String> facets) {
        return new CatalogBuilder.Row(item.getItemId(), item.getTitle(), item.getEmbedding(), ItemFacets.of(item, facets));
    }

    private void record(CatalogRefresh refresh) {
        last = refresh;
        itemsRead.get(refresh.kind()).add(refresh.itemsRead());
        refreshes.get(refresh.kind()).increment();
    }

    private Catalog swapIn(CatalogBuilder.Built built, long started, String how) {
        Catalog catalog = built.catalog();
        Catalog previous = current.getAndSet(catalog);
        if (previous == null || !previous.version().equals(catalog.version())) {
            LOG.infof("catalog %s loaded (%s): %d items of dimension %d, precision %s, in %d ms%s",
                    catalog.version(), how, catalog.size(), catalog.dimension(), catalog.precision(),
                    System.currentTimeMillis() - started,
                    built.skipped() > 0 ? ", " + built.skipped() + " items of another dimension skipped" : "");
        }
        return catalog;
    }
}
