package com.example.profiles.kernel;

import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Exact top-k over a catalog laid out in clusters ({@link ClusterIndex}) that never reads a cluster unable to
 * hold a top-k row. The result (rows, order, float bits) is identical to {@link ExactSearch} / {@link Int8Search}
 * on the same matrix: the same per-row arithmetic on every row it scores, the same total order (score, tie rank),
 * and a skipped row provably scores strictly below k allowed rows (docs/cluster-bound.md).
 *
 * <p><b>Planner</b>, per query. A query that cannot be bounded (zero or non-finite norm, possible float
 * overflow; for int8 the cases where {@link Int8Search} falls back) is declined at once. Otherwise the bounds of
 * all clusters are computed (one kernel call over the centroids) and the clusters are visited best bound first
 * (the probe). Once k rows are known the threshold only rises, so the rows of the clusters left whose bound
 * reaches it bound what finishing costs: as soon as bounds, probe and that estimate fit the budget, the walk
 * goes on to the end; if they still do not after {@value #PROBE_CLUSTERS} clusters (or the probe alone would
 * pass half the budget), the query is declined: {@code budget = }{@value #PRUNE_RATIO}{@code  x}
 * the cost of the full scan (or of the gather a selective mask would get), divided by the tasks the full scan
 * is split into, since the pruned walk runs in one thread while the full scan uses {@code parallelism}. Costs
 * are counted in rows of the sequential scan of the same precision; a gathered row counts
 * {@link ScanStrategy#gatherCost}. On data without cluster structure every bound reaches the threshold and the
 * query is declined after a probe of {@value #PROBE_CLUSTERS} clusters (about {@code 4/sqrt(N)} of the rows).
 *
 * <p>Single-threaded: when the estimate is within the budget, one thread is faster than the split full scan
 * (by the budget's definition) and leaves the other cores to other requests. Stateless once built.
 */
public final class PrunedSearch {

    /** Prune only when the estimated walk costs at most this fraction of the full search's time per thread. */
    static final double PRUNE_RATIO = 0.9;
    /**
     * Clusters the probe may visit while the estimate stays above the budget: the best-bound cluster is not
     * always the one holding the best rows, so a few more can raise the threshold enough; on data without
     * clusters the estimate never falls and the query is declined after this many.
     */
    static final int PROBE_CLUSTERS = 4;

    private final ScoringKernel kernel;
    private final RowChunks chunks;
    private final ExactSearch exact;
    private final Int8Search int8;
    private final boolean force;

    /**
     * @param parallelism threads of the full searches a declined query runs on (and the planner compares with)
     * @param pool        executor for those; may be null (same results)
     */
    public PrunedSearch(ScoringKernel kernel, int parallelism, ExecutorService pool) {
        this(kernel, new RowChunks(parallelism, pool, RowChunks.MIN_ROWS_PER_TASK), false);
    }

    /** @param force prune every boundable query, whatever the planner would say (tests) */
    PrunedSearch(ScoringKernel kernel, RowChunks chunks, boolean force) {
        if (kernel == null) {
            throw new IllegalArgumentException("kernel is required");
        }
        this.kernel = kernel;
        this.chunks = chunks;
        this.exact = new ExactSearch(kernel, chunks);
        this.int8 = new Int8Search(kernel, chunks);
        this.force = force;
    }

    /** The float32 exact top-k: pruned when the planner says it pays, else {@link ExactSearch#search}. */
    public TopKOutcome search(ClusterIndex index, TopKQuery q) {
        return search(index, null, q);
    }

    /**
     * The exact top-k, scanning int8 codes when {@code qc} (built from {@code index.matrix()}) is not null:
     * pruned when the planner says it pays, else the full search ({@link ExactSearch#search} or
     * {@link Int8Search#topKBatch}), whose outcome then also counts the rows the declined probe scanned.
     *
     * @throws IllegalArgumentException if the query is invalid (as for the full searches) or {@code qc} was built
     *         from another matrix
     */
    public TopKOutcome search(ClusterIndex index, QuantizedCatalog qc, TopKQuery q) {
        Attempt a = attempt(index, qc, q);
        if (a.outcome != null) {
            return a.outcome;
        }
        TopKOutcome full = qc == null ? exact.search(index.matrix(), q) : int8.topKBatch(qc, List.of(q)).get(0);
        return new TopKOutcome(full.result(), full.candidates() + a.candidates, full.fallback(),
                full.fallbackReason(), full.scan(), full.scanned() + a.scanned, 0);
    }

    /**
     * The pruned outcome when the planner chooses pruning, else null: the caller then runs the full search itself
     * (for example in an int8 batch with other queries). A declined query has cost its probe: the bounds and at
     * most {@value #PROBE_CLUSTERS} clusters, at most half of the budget.
     */
    public TopKOutcome tryPruned(ClusterIndex index, QuantizedCatalog qc, TopKQuery q) {
        return attempt(index, qc, q).outcome;
    }

    /**
     * The pruned outcome when the planner chooses pruning; else a null outcome and what the declined probe cost,
     * for the caller to add to the full search it runs itself.
     */
    public Probe probe(ClusterIndex index, QuantizedCatalog qc, TopKQuery q) {
        Attempt a = attempt(index, qc, q);
        return new Probe(a.outcome, a.scanned, a.candidates);
    }

    /** What {@link #probe} found: the pruned outcome, or null and the rows the declined probe scanned and rescored. */
    public record Probe(TopKOutcome outcome, int scanned, int candidates) {

        /** A full search's outcome with this declined probe's rows added. */
        public TopKOutcome after(TopKOutcome full) {
            return new TopKOutcome(full.result(), full.candidates() + candidates, full.fallback(),
                    full.fallbackReason(), full.scan(), full.scanned() + scanned, 0);
        }
    }

    private record Attempt(TopKOutcome outcome, int scanned, int candidates) {
    }

    private static final Attempt DECLINED = new Attempt(null, 0, 0);

    private Attempt attempt(ClusterIndex index, QuantizedCatalog qc, TopKQuery q) {
        CatalogMatrix m = index.matrix();
        ExactSearch.validate(m, q.query(), q.metric(), q.k());
        if (qc != null && qc.matrix() != m) {
            throw new IllegalArgumentException("the int8 catalog was built from another matrix than the clusters");
        }
        float qNorm = CatalogMatrix.l2Norm(q.query());
        if (m.rows() == 0 || index.unboundable(qNorm) != null) {
            return DECLINED;
        }
        QueryPlan plan = null;
        if (qc != null) {
            plan = QueryPlan.of(qc, q, 0);
            if (plan.fallbackReason != null) {
                return DECLINED;
            }
        }
        float[] bounds = new float[index.clusters()];
        index.bounds(kernel, q.query(), qNorm, q.metric(), bounds);
        PrunedScan scan = new PrunedScan(index, qc, plan, q, qNorm, bounds, kernel, exact);
        double budget = force ? Double.POSITIVE_INFINITY : budget(m.rows(), q.mask(), qc != null);
        double spent = index.clusters(); // the bounds: one centroid scored per cluster
        while (!force && !scan.done()) {
            float t = scan.threshold();
            if (t != Float.NEGATIVE_INFINITY) {
                if (spent + scan.costAtOrAbove(t, budget - spent) <= budget) {
                    break; // the threshold only rises: the rest of the walk costs at most the estimate
                }
                if (scan.visited() >= PROBE_CLUSTERS) {
                    return new Attempt(null, scan.scanned(), scan.candidates());
                }
            }
            double next = scan.nextCost();
            if (spent + next > budget / 2) {
                return new Attempt(null, scan.scanned(), scan.candidates());
            }
            spent += next;
            scan.visitNext();
        }
        while (!scan.done()) {
            scan.visitNext();
        }
        return new Attempt(scan.outcome(), scan.scanned(), scan.candidates());
    }

    /** What the full search would cost per thread, times {@link #PRUNE_RATIO}, in rows of the sequential scan. */
    private double budget(int rows, RowMask mask, boolean int8Scan) {
        double full;
        int tasks = chunks.tasks(rows);
        if (ScanStrategy.choose(mask, rows, int8Scan) == ScanStrategy.GATHER) {
            full = mask.count() * ScanStrategy.gatherCost(int8Scan);
            if (mask.count() < RowChunks.MIN_ROWS_PER_TASK) {
                tasks = 1; // ExactSearch.gather does not split a small mask
            }
        } else {
            full = rows;
        }
        return PRUNE_RATIO * full / tasks;
    }
}
