package com.example.profiles.recommend;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import com.example.profiles.kernel.ScanStrategy;
import com.example.profiles.kernel.TopKOutcome;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Scoring time of one recommendation ({@code recommend_scoring_seconds{precision}}) and, for the
 * int8 search, how many rows survived to the float32 rescoring ({@code recommend_int8_candidates})
 * and how often it fell back to a full float32 scan ({@code recommend_int8_fallbacks_total}), and how many
 * recommendations shared each pass over the int8 codes ({@code recommend_int8_batch_queries}). Per request:
 * the share of the catalog its filter let through ({@code recommend_filter_selectivity}), how it was ranked
 * ({@code recommend_strategy_total{strategy}}: vector, popular, interests) and how the vector search visited
 * the catalog ({@code recommend_scan_total{scan}}: full, gather, pruned), how many rows it scanned
 * ({@code recommend_scanned_rows}) and how many clusters a pruned search skipped
 * ({@code recommend_clusters_pruned}).
 */
@Singleton
public class ScoringMetrics {

    public static final String SCORING = "recommend.scoring";
    private final Timer float32;
    private final Timer int8;
    private final DistributionSummary candidates;
    private final Counter fallbacks;
    private final DistributionSummary batches;
    private final DistributionSummary selectivity;
    private final DistributionSummary scanned;
    private final DistributionSummary pruned;
    private final Map<Strategy, Counter> strategies = new EnumMap<>(Strategy.class);
    private final Map<ScanStrategy, Counter> scans = new EnumMap<>(ScanStrategy.class);
    /** By model, then assigned model: models are few; looked up without allocating once both exist. */
    private final Map<String, Map<String, Counter>> requests = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    public ScoringMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Strategy strategy : Strategy.values()) {
            strategies.put(strategy, Counter.builder("recommend.strategy").tag("strategy", strategy.label())
                    .description("Recommendation answers by how they were ranked").register(registry));
        }
        for (ScanStrategy scan : ScanStrategy.values()) {
            scans.put(scan, Counter.builder("recommend.scan").tag("scan", scan.label())
                    .description("Vector searches by how they visited the catalog").register(registry));
        }
        this.scanned = DistributionSummary.builder("recommend.scanned.rows")
                .description("Rows whose score or int8 row bound was computed, per vector-ranked answer")
                .register(registry);
        this.pruned = DistributionSummary.builder("recommend.clusters.pruned")
                .description("Clusters a pruned search never read, per answer it ranked")
                .register(registry);
        this.selectivity = DistributionSummary.builder("recommend.filter.selectivity")
                .description("Share of the catalog a request's filter let through (0..1), per filtered request")
                .register(registry);
        this.float32 = timer(registry, "float32");
        this.int8 = timer(registry, "int8");
        this.candidates = DistributionSummary.builder("recommend.int8.candidates")
                .description("Rows rescored in float32 after the int8 phase, per recommendation")
                .register(registry);
        this.fallbacks = Counter.builder("recommend.int8.fallbacks")
                .description("int8 searches that fell back to a full float32 scan")
                .register(registry);
        this.batches = DistributionSummary.builder("recommend.int8.batch.queries")
                .description("Recommendations scored together in one pass over the int8 codes")
                .register(registry);
    }

    /** Records one filtered request that let {@code share} of the catalog through. */
    public void filterSelectivity(double share) {
        selectivity.record(share);
    }

    /** Counts one answer scored by (or resolved to) {@code model}, for a request the split assigned to {@code assigned}. */
    public void request(String model, String assigned) {
        Map<String, Counter> byAssigned = requests.get(model);
        Counter counter = byAssigned == null ? null : byAssigned.get(assigned);
        if (counter == null) {
            counter = requests.computeIfAbsent(model, m -> new ConcurrentHashMap<>()).computeIfAbsent(assigned,
                    a -> Counter.builder("recommend.requests").tag("model", model).tag("assigned", assigned)
                            .description("Recommendation and similar-items answers by the model that scored them and"
                                    + " the model the traffic split assigned").register(registry));
        }
        counter.increment();
    }

    /** Counts one answer ranked by {@code strategy}. */
    public void strategy(Strategy strategy) {
        strategies.get(strategy).increment();
    }

    /**
     * Records one answer's vector search: how it visited the catalog, the rows whose score or row bound it
     * computed, and the clusters it never read (all rounds of a max_per walk).
     */
    public void scan(ScanStrategy scan, long scannedRows, long clustersPruned) {
        scans.get(scan).increment();
        scanned.record(scannedRows);
        if (scan == ScanStrategy.PRUNED) {
            pruned.record(clustersPruned);
        }
    }

    /** Records one pass over the int8 codes that served {@code queries} recommendations. */
    public void batch(int queries) {
        batches.record(queries);
    }

    private static Timer timer(MeterRegistry registry, String precision) {
        return Timer.builder(SCORING)
                .description("Time to score a query against the catalog and select the top k")
                .tag("precision", precision)
                .register(registry);
    }

    /** Records one scoring that took {@code nanos}; {@code int8Path} when the int8 search ran. */
    public void record(long nanos, boolean int8Path, TopKOutcome result) {
        (int8Path ? int8 : float32).record(nanos, TimeUnit.NANOSECONDS);
        if (int8Path) {
            candidates.record(result.candidates());
            if (result.fallback()) {
                fallbacks.increment();
            }
        }
    }
}
