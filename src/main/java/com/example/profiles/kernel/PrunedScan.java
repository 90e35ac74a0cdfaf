package com.example.profiles.kernel;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * One query's walk over the clusters in bound order ({@link PrunedSearch}). The running threshold {@code T} is
 * a score that k allowed rows are known to reach: the k-th best exact score kept, or, in int8, also the k-th
 * largest int8 lower bound. A cluster whose bound {@code F_c} is below {@code T} holds only rows that score
 * strictly less than k others, so the walk stops at the first such cluster (the rest have lower bounds still).
 *
 * <p>A visited cluster is scanned like the full searches scan the catalog, with the same per-row arithmetic:
 * float32 rows through {@link ExactSearch#scanInto} (or {@link ExactSearch#gatherInto} when the mask keeps few
 * of its rows); int8 codes through the kernel's block test and row filter at the current {@code T}, the rows
 * that pass rescored in float32 once the cluster is done. The heap orders by (score, tie rank), a total
 * order, so the rows kept do not depend on the order clusters are visited in.
 */
final class PrunedScan {

    /** Cost of visiting a cluster beyond its rows (setup, partial blocks at its ends), in rows. */
    static final int CLUSTER_OVERHEAD = 32;

    private final ClusterIndex index;
    private final CatalogMatrix m;
    private final ScoringKernel kernel;
    private final ExactSearch exact;
    private final TopKQuery q;
    private final float qNorm;
    private final IntPredicate skipped;
    private final long[] maskWords;
    private final int[] maskCounts;
    private final double gatherCost;
    private final TopK heap;
    private final ClusterQueue queue;
    private final int nonEmpty;
    private float[] buf;

    // int8 only
    private final QuantizedCatalog qc;
    private final QueryPlan plan;
    private final LowerBounds lower;
    private int[] dots;
    private int[] passing;
    private float[] approx;
    private float[] bnd;
    private int[] hits;
    private int[] candRows;
    private float[] candUp;

    private int scanned;
    private int candidates;
    private int visited;

    /**
     * @param bounds {@code F_c} per cluster ({@link ClusterIndex#bounds})
     * @param plan   the int8 query plan when {@code qc} is not null
     */
    PrunedScan(ClusterIndex index, QuantizedCatalog qc, QueryPlan plan, TopKQuery q, float qNorm, float[] bounds,
               ScoringKernel kernel, ExactSearch exact) {
        this.index = index;
        this.m = index.matrix();
        this.kernel = kernel;
        this.exact = exact;
        this.q = q;
        this.qNorm = qNorm;
        this.skipped = q.skipped();
        this.maskWords = q.mask() == null ? null : q.mask().words();
        this.maskCounts = q.mask() == null ? null : new int[index.clusters()];
        if (maskCounts != null) {
            Arrays.fill(maskCounts, -1);
        }
        this.gatherCost = ScanStrategy.gatherCost(qc != null);
        this.heap = new TopK(q.k(), m.tieRanks());
        this.queue = new ClusterQueue(bounds, index.clusters());
        this.nonEmpty = queue.size();
        this.qc = qc;
        this.plan = plan;
        this.lower = qc == null ? null : new LowerBounds(q.k());
    }

    /** A score k allowed rows reach (-infinity until k are known). */
    float threshold() {
        float t = heap.threshold();
        return lower == null ? t : Math.max(t, lower.threshold());
    }

    /** True once no cluster left can hold a top-k row (or none is left). */
    boolean done() {
        return queue.isEmpty() || queue.peekKey() < threshold();
    }

    boolean queueEmpty() {
        return queue.isEmpty();
    }

    /** Cost of visiting the next cluster, in rows of the sequential scan ({@link #cost}). */
    double nextCost() {
        return cost(queue.at(0));
    }

    /**
     * Cost of every cluster left whose bound reaches {@code t}: an upper bound on what finishing the walk costs,
     * since the threshold only rises. Stops counting past {@code limit}.
     */
    double costAtOrAbove(float t, double limit) {
        double sum = 0;
        for (int i = 0; i < queue.size() && sum <= limit; i++) {
            int c = queue.at(i);
            if (!(queue.key(c) < t)) {
                sum += cost(c);
            }
        }
        return sum;
    }

    /** Rows to scan, or gathered rows at {@link ScanStrategy#gatherCost} each when cheaper; 0 when the mask empties it. */
    private double cost(int c) {
        int size = index.end(c) - index.start(c);
        if (maskWords == null) {
            return size + CLUSTER_OVERHEAD;
        }
        int count = maskCount(c);
        return count == 0 ? 0 : Math.min(size, count * gatherCost) + CLUSTER_OVERHEAD;
    }

    private int maskCount(int c) {
        int n = maskCounts[c];
        if (n < 0) {
            n = countBits(maskWords, index.start(c), index.end(c));
            maskCounts[c] = n;
        }
        return n;
    }

    /** Set bits of {@code words} in rows {@code [from, to)}. */
    static int countBits(long[] words, int from, int to) {
        if (from >= to) {
            return 0;
        }
        int first = from >>> 6;
        int last = (to - 1) >>> 6;
        long head = -1L << from;          // shifts are mod 64: bits from (from & 63) up
        long tail = -1L >>> (63 - ((to - 1) & 63));
        if (first == last) {
            return Long.bitCount(words[first] & head & tail);
        }
        int n = Long.bitCount(words[first] & head) + Long.bitCount(words[last] & tail);
        for (int w = first + 1; w < last; w++) {
            n += Long.bitCount(words[w]);
        }
        return n;
    }

    /** Visits the cluster with the highest bound left. */
    void visitNext() {
        int c = queue.pop();
        int s = index.start(c);
        int e = index.end(c);
        if (maskWords != null) {
            int count = maskCount(c);
            if (count == 0) {
                return;
            }
            if (count * gatherCost < e - s) {
                exact.gatherInto(m, q.query(), qNorm, q.metric(), maskWords, q.excludedRow(), s, e, heap);
                scanned += count;
                candidates += count;
                visited++;
                return;
            }
        }
        visited++;
        scanned += e - s;
        if (qc == null) {
            if (buf == null) {
                buf = new float[ExactSearch.BUFFER_ROWS];
            }
            exact.scanInto(m, q.query(), qNorm, q.metric(), skipped, s, e, heap, buf);
            candidates += e - s;
        } else {
            scanInt8(s, e);
        }
    }

    /**
     * The int8 filter over rows {@code [s, e)} at the running threshold (blocks at the ends are shared with the
     * neighbouring clusters: their other rows are ignored here), then the float32 rescoring of the survivors.
     */
    private void scanInt8(int s, int e) {
        final int B = ScoringKernel.BLOCK;
        if (dots == null) {
            dots = new int[Int8Search.CHUNK_BLOCKS * B];
            passing = new int[Int8Search.CHUNK_BLOCKS];
            approx = new float[B];
            bnd = new float[B];
            hits = new int[B];
            candRows = new int[256];
            candUp = new float[256];
        }
        QuantizedCatalog.RowBounds rb = qc.bounds(q.metric());
        QueryCodes codes = plan.codes;
        int count = 0;
        float t = threshold();
        int lastBlock = (e + B - 1) / B;
        for (int b0 = s / B; b0 < lastBlock; b0 += Int8Search.CHUNK_BLOCKS) {
            int b1 = Math.min(lastBlock, b0 + Int8Search.CHUNK_BLOCKS);
            kernel.int8DotBlocks(qc.codes(), qc.paddedDim(), codes.pairs, b0, b1, dots);
            int passed = kernel.int8BlockTest(dots, codes.scale, rb.blockScale, rb.blockW, rb.blockM, b0, b1 - b0,
                    plan.q2, plan.d2, plan.h, plan.eta, t, passing);
            for (int x = 0; x < passed; x++) {
                int b = passing[x];
                int n = kernel.int8RowFilter(dots, (b - b0) * B, codes.scale, rb.scale, rb.w, rb.m, b, plan.q2,
                        plan.d2, plan.h, plan.eta, t, approx, bnd, hits);
                for (int y = 0; y < n; y++) {
                    int r = b * B + hits[y];
                    if (r < s || r >= e || (skipped != null && skipped.test(r))) {
                        continue;
                    }
                    float a = approx[hits[y]];
                    float bound = bnd[hits[y]];
                    float up = a + bound;
                    if (up < t) {
                        continue;
                    }
                    if (lower.offer(a - bound)) {
                        t = threshold();
                    }
                    if (count == candRows.length) {
                        candRows = Arrays.copyOf(candRows, 2 * count);
                        candUp = Arrays.copyOf(candUp, 2 * count);
                    }
                    candRows[count] = r;
                    candUp[count] = up;
                    count++;
                }
            }
        }
        for (int i = 0; i < count; i++) {
            if (!(candUp[i] < t)) {
                int r = candRows[i];
                float f = Scores.score(kernel, m, r, q.query(), qNorm, q.metric());
                candidates++;
                if (heap.accepts(f, r)) {
                    heap.insert(f, r);
                    t = threshold();
                }
            }
        }
    }

    TopKOutcome outcome() {
        return new TopKOutcome(heap.toResult(), candidates, false, null, ScanStrategy.PRUNED, scanned,
                nonEmpty - visited);
    }

    /** Clusters whose rows were read so far. */
    int visited() {
        return visited;
    }

    int scanned() {
        return scanned;
    }

    int candidates() {
        return candidates;
    }
}
