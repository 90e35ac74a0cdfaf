package com.example.profiles.catalog;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.example.profiles.config.RecommendConfig;
import com.example.profiles.dynamo.PagedScan;
import com.example.profiles.error.ProblemException;
import com.example.profiles.model.ModelRegistry;
import com.example.profiles.model.ModelStore;
import com.example.profiles.startup.StartupOrder;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;

/**
 * Keeps the {@link CatalogHolder}'s snapshot up to date: loads it at start, every {@code recommend.catalog.refresh}
 * and on demand. A refresh reads only the items changed since the snapshot when it can ({@link RefreshPolicy}),
 * else the whole table; either way it builds a new snapshot off the event loop and swaps it in. Concurrent
 * reload requests share one load.
 */
@ApplicationScoped
public class CatalogRefresher {

    private static final Logger LOG = Logger.getLogger(CatalogRefresher.class);

    private final ItemStore items;
    private final ModelStore models;
    private final CatalogHolder holder;
    private final CatalogConfig config;
    private final RecommendConfig.PrecisionPreference precision;
    private final RefreshPolicy policy;
    private final CatalogClustering clustering;
    private final Vertx vertx;
    private final Event<CatalogSwapped> swapped;
    private final RefreshLog log = new RefreshLog();
    /** The rows behind the snapshot; null when the next refresh must be a full load. */
    private volatile CatalogRows rows;
    private CompletableFuture<Catalog> inflight;
    private long timer = -1;

    public CatalogRefresher(ItemStore items, ModelStore models, CatalogHolder holder, CatalogConfig config,
                            RecommendConfig recommend, CatalogClustering clustering, Vertx vertx,
                            Event<CatalogSwapped> swapped) {
        this.clustering = clustering;
        this.swapped = swapped;
        this.items = items;
        this.models = models;
        this.holder = holder;
        this.config = config;
        this.precision = recommend.precision();
        this.policy = new RefreshPolicy(config);
        this.vertx = vertx;
    }

    void onStart(@Observes @Priority(StartupOrder.CATALOG) StartupEvent event) {
        if (!config.load()) {
            return;
        }
        requireAtLeastOne("recommend.catalog.scan-segments", config.scanSegments());
        requireAtLeastOne("recommend.catalog.scan-page-attempts", config.scanPageAttempts());
        clustering.validate();
        // Not awaited: the pod starts at once and readiness stays DOWN until the first load.
        reloadInBackground();
        long period = Math.max(1_000, config.refresh().toMillis());
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

    /** Loads the catalog now (joining a load already running) and swaps it in. */
    public synchronized Uni<Catalog> reload() {
        // A finished load may not have cleared itself yet (its callback runs after the caller saw the result):
        // a reload asked for then must not join it.
        if (inflight == null || inflight.isDone()) {
            CompletableFuture<Catalog> load = load().subscribeAsCompletionStage();
            inflight = load;
            load.whenComplete((catalog, failure) -> {
                synchronized (this) {
                    if (inflight == load) {
                        inflight = null;
                    }
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
                        holder.current() == null ? "none" : holder.current().version(), failure.toString()));
    }

    /** What the last refresh did, or null before the first one ended. */
    public CatalogRefresh lastRefresh() {
        return log.last();
    }

    /** Rows read from the store by refreshes of this kind since start. */
    public long itemsRead(CatalogRefresh.Kind kind) {
        return log.itemsRead(kind);
    }

    /** Refreshes of this kind that completed since start. */
    public long refreshes(CatalogRefresh.Kind kind) {
        return log.refreshes(kind);
    }

    private Uni<Catalog> load() {
        CatalogRows base = rows;
        String reason = policy.fullLoadReason(base, System.currentTimeMillis());
        return models.read(false)
                .flatMap(registry -> {
                    Map<String, Integer> spaces = spaces(registry);
                    String full = reason != null ? reason : RefreshPolicy.spacesReason(base, spaces);
                    return full != null ? fullLoad(full, registry, spaces) : incremental(base, registry, spaces);
                })
                // A store that does not answer now may later: keep the snapshot. Anything else (a table
                // without the change index) cannot be read incrementally: load it all.
                .onFailure(failure -> reason == null
                        && !(failure instanceof ProblemException problem && problem.status() == 503))
                .recoverWithUni(failure -> models.read(false).flatMap(registry -> fullLoad(
                        "the changes cannot be read (" + failure.getMessage() + ")", registry, spaces(registry))));
    }

    /**
     * The models a snapshot keeps vectors of, by name, with their dimensions: every model not retired, and
     * {@code default} even before the store took its dimension (0: its first vector's).
     */
    static Map<String, Integer> spaces(ModelRegistry registry) {
        Map<String, Integer> spaces = new TreeMap<>();
        registry.models().values().stream().filter(model -> !model.retired())
                .forEach(model -> spaces.put(model.name(), model.dimension()));
        return spaces;
    }

    private Uni<Catalog> fullLoad(String reason, ModelRegistry registry, Map<String, Integer> spaces) {
        long started = System.currentTimeMillis();
        List<String> facets = CatalogBuilder.facetNames(config.facets());
        FacetCodes codes = new FacetCodes(facets);
        LongAdder read = new LongAdder();
        // Whatever fails here forces the next refresh to be a full load too.
        rows = null;
        List<String> names = List.copyOf(spaces.keySet());
        return items.scanForCatalog(scanPolicy(), facets, names, read)
                // Rows go straight into chunks: no object per item survives the scan.
                .collect().in(() -> new RowBuffer(codes, spaces), (buffer, item) -> buffer.add(row(item, facets)))
                .flatMap(buffer -> claimed(registry, buffer))
                // Sorting, copying and quantising a large catalog is CPU work: off the event loop.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(loaded -> {
                    Map<String, Integer> kept = spaces(loaded.registry());
                    CatalogBuilder.Built built = CatalogBuilder.build(loaded.buffer(), precision, loaded.registry(),
                            clustering, holder.current());
                    Catalog catalog = swapIn(built, started, "full load, " + reason);
                    rows = CatalogRows.of(built, codes, started, started, kept);
                    log.record(new CatalogRefresh(CatalogRefresh.Kind.FULL, read.sum(), true, reason));
                    return catalog;
                });
    }

    private record Loaded(RowBuffer buffer, ModelRegistry registry) {
    }

    /**
     * The buffer, once the store keeps {@code default}'s dimension. A table written before the store kept one
     * gets the dimension of the first item this load read, claimed as every writer claims it, so that all pods
     * and writes follow the one the store took; a pod that lost the claim to another dimension loads again.
     */
    private Uni<Loaded> claimed(ModelRegistry registry, RowBuffer buffer) {
        if (registry.defaultDimension() > 0 || buffer.dimension() == 0) {
            return Uni.createFrom().item(new Loaded(buffer, registry));
        }
        return items.claimDimension(buffer.dimension()).map(dimension -> {
            if (dimension != buffer.dimension()) {
                throw new IllegalStateException("the store took dimension " + dimension + " while this load read "
                        + buffer.dimension() + "; the next refresh loads it");
            }
            return new Loaded(buffer, registry.withDefaultDimension(dimension));
        });
    }

    private Uni<Catalog> incremental(CatalogRows base, ModelRegistry registry, Map<String, Integer> spaces) {
        long started = System.currentTimeMillis();
        List<String> facets = CatalogBuilder.facetNames(config.facets());
        LongAdder read = new LongAdder();
        return items.changesSince(policy.changesFrom(base), facets, List.copyOf(spaces.keySet()),
                        config.scanPageTimeout(), read)
                // null: deleted (a SimpleEntry may hold null, Map.entry may not)
                .map(change -> (Map.Entry<String, CatalogBuilder.Row>) new AbstractMap.SimpleEntry<>(change.itemId(),
                        change.item() == null ? null : row(change.item(), facets)))
                .collect().asList()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(changes -> {
                    try {
                        RowBuffer changed = base.apply(changes, spaces);
                        if (changed == null) {
                            Catalog next = holder.current().registry().equals(registry)
                                    ? holder.current() : swapRegistry(registry);
                            rows = base.advancedTo(started, next);
                            log.record(new CatalogRefresh(CatalogRefresh.Kind.INCREMENTAL, read.sum(), false, null));
                            return next;
                        }
                        CatalogBuilder.Built built = CatalogBuilder.build(changed, precision, registry, clustering,
                                base.snapshot());
                        Catalog catalog = swapIn(built, started, changes.size() + " changed rows read");
                        rows = CatalogRows.of(built, base.codes(), started, base.fullLoadAt(), spaces);
                        log.record(new CatalogRefresh(CatalogRefresh.Kind.INCREMENTAL, read.sum(), true, null));
                        return catalog;
                    } catch (RuntimeException e) {
                        // Start over from a full load rather than trust a half-applied refresh.
                        rows = null;
                        throw e;
                    }
                });
    }

    /** The current snapshot under a new registry (a new split): same items and vectors. */
    private Catalog swapRegistry(ModelRegistry registry) {
        Catalog next = holder.current().withRegistry(registry);
        holder.swap(next);
        swapped.fire(new CatalogSwapped(next));
        LOG.infof("model registry version %d in force: traffic %s", registry.version(), registry.split().split());
        return next;
    }

    private PagedScan.Policy scanPolicy() {
        return new PagedScan.Policy(config.scanSegments(), config.scanPageTimeout(), config.scanPageAttempts(),
                Duration.ofMillis(200));
    }

    private static CatalogBuilder.Row row(CatalogItem item, List<String> facets) {
        return new CatalogBuilder.Row(item.getItemId(), item.getTitle(), item.getVectors(), ItemFacets.of(item, facets));
    }

    private static String describe(Catalog catalog) {
        StringBuilder out = new StringBuilder();
        catalog.models().forEach((model, embeddings) -> out.append(out.length() == 0 ? "" : ", ").append(model)
                .append(" (").append(embeddings.items()).append(" x ").append(embeddings.dimension()).append(' ')
                .append(embeddings.precision().label()).append(')'));
        return out.length() == 0 ? "none" : out.toString();
    }

    private Catalog swapIn(CatalogBuilder.Built built, long started, String how) {
        Catalog catalog = built.catalog();
        Catalog previous = holder.swap(catalog);
        swapped.fire(new CatalogSwapped(catalog));
        if (previous == null || !previous.version().equals(catalog.version())) {
            LOG.infof("catalog %s loaded (%s): %d items, models %s, in %d ms%s", catalog.version(), how,
                    catalog.size(), describe(catalog), System.currentTimeMillis() - started,
                    built.skipped() > 0 ? ", " + built.skipped() + " items without a vector of a model's dimension skipped" : "");
        }
        return catalog;
    }
}
