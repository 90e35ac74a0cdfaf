package com.example.profiles.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.IntPredicate;

/**
 * Exact top-k over a {@link QuantizedCatalog} in three phases.
 * <ol>
 *   <li><b>Scan</b>: the query is quantised too (per-query scale {@code s_q = max|q'_i| / 127}, codes
 *       {@code cq_i}); the exact integer dot products of the codes ({@link ScoringKernel#int8DotBlocks},
 *       Vector API: byte-&gt;short widening, short multiplies, pairwise sums into int lanes) give
 *       {@code a_r = s_q * scale_r * intdot_r} and a rigorous bound {@code b_r} with
 *       {@code |exact_r - a_r| <= b_r} that includes the query's quantisation residual {@code D2}
 *       (see {@link QuantizedCatalog} and docs/int8-bound.md). A block test on per-block maxima
 *       ({@link ScoringKernel#int8BlockTest}) drops most blocks of 8 rows before any per-row float is read.</li>
 *   <li><b>Prune</b>: {@code T} = k-th largest lower bound {@code a_r - b_r} among non-excluded rows;
 *       candidates are the rows with {@code a_r + b_r >= T}. Any other row has an exact score strictly below
 *       k rows' exact scores, so it cannot be in the top-k (ties included).</li>
 *   <li><b>Rescore</b>: candidates are scored with the same float32 kernel arithmetic and the same
 *       {@link Scores} formula as {@link ExactSearch}, and the top-k is selected with the same tie rule, so
 *       the result (rows, order, float bits) is identical to {@link ExactSearch}.</li>
 * </ol>
 * If the candidate set grows beyond {@code max(4096, 16k, rows / 32)} (adversarial data: many equal rows or ties near
 * the k-th score), or the cosine query is zero, it falls back to the float32 scan and reports it.
 * With {@code parallelism > 1}, contiguous block-aligned chunks are scanned by separate tasks; the global
 * threshold is the k-th largest lower bound of the union, so the candidate set (and result) is identical
 * to the single-threaded one.
 */
public final class Int8Search {

    static final int CHUNK_BLOCKS = 64;
    /**
     * Candidate buffer to start with; it doubles when a compaction frees less than half of it, until it reaches
     * 2 * cap. Sizing it at 2 * cap up front allocated and zeroed 500 KB per query on 1M rows, where a few dozen
     * rows pass on typical data.
     */
    static final int INITIAL_CAPACITY = 1024;
    /** Relative slack covering float rounding of the filter itself: 2^-20 = 16 u. */
    static final float ETA = 0x1p-20f;

    public Int8Search() {
    }

    /**
     * Rescoring a candidate reads a whole float row at a random place, several times the cost per row of the
     * sequential float32 scan; beyond rows / 32 candidates the full scan is the cheaper exact answer.
     */
    static int maxCandidates(int k, int rows) {
        return Math.max(Math.max(4096, 16 * k), rows / 32);
    }

    public Int8Result topK(QuantizedCatalog qc, float[] query, Metric metric, int k, IntPredicate excludedRow,
                           ScoringKernel kernel, int parallelism, ExecutorService pool) {
        return topK(qc, query, metric, k, excludedRow, kernel, parallelism, pool, ExactSearch.MIN_ROWS_PER_TASK);
    }

    Int8Result topK(QuantizedCatalog qc, float[] query, Metric metric, int k, IntPredicate excludedRow,
                    ScoringKernel kernel, int parallelism, ExecutorService pool, int minRowsPerTask) {
        return topKBatch(qc, List.of(new Int8Query(query, metric, k, excludedRow)), kernel, parallelism, pool,
                minRowsPerTask).get(0);
    }

    /**
     * Several queries in one pass over the codes: each chunk of codes is read from memory once and scored for
     * every query while it is in cache, so a batch costs far less than its queries one by one once the scan
     * is limited by memory bandwidth. Each query's result (rows, scores, candidate count, fallback) is
     * identical to {@link #topK} for that query alone: every query meets the chunks in the same order with
     * its own codes, bounds, threshold and candidates.
     *
     * @throws IllegalArgumentException if any query is invalid (see {@link #validate}); check them first
     *         when one bad query must not fail the others
     */
    public List<Int8Result> topKBatch(QuantizedCatalog qc, List<Int8Query> queries, ScoringKernel kernel,
                                      int parallelism, ExecutorService pool) {
        return topKBatch(qc, queries, kernel, parallelism, pool, ExactSearch.MIN_ROWS_PER_TASK);
    }

    /** Throws {@link IllegalArgumentException} if {@link #topK} would refuse this query. */
    public static void validate(QuantizedCatalog qc, Int8Query q, ScoringKernel kernel, int parallelism) {
        ExactSearch.validate(qc.matrix(), q.query(), q.metric(), q.k(), kernel, parallelism);
    }

    List<Int8Result> topKBatch(QuantizedCatalog qc, List<Int8Query> queries, ScoringKernel kernel, int parallelism,
                               ExecutorService pool, int minRowsPerTask) {
        for (Int8Query q : queries) {
            validate(qc, q, kernel, parallelism);
        }
        CatalogMatrix m = qc.matrix();
        Int8Result[] results = new Int8Result[queries.size()];
        List<Plan> plans = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            Int8Query q = queries.get(i);
            Plan plan = Plan.of(qc, q, i);
            if (plan.fallbackReason != null) {
                results[i] = fallback(m, q, kernel, parallelism, pool, minRowsPerTask, plan.fallbackReason);
            } else {
                plans.add(plan);
            }
        }
        if (!plans.isEmpty()) {
            int rows = m.rows();
            int tasks = Math.max(1, Math.min(parallelism, rows / Math.max(1, minRowsPerTask)));
            List<Partial[]> parts = ExactSearch.runChunks(rows, tasks, QuantizedCatalog.BLOCK, tasks == 1 ? null : pool,
                    (from, to) -> scan(qc, plans, kernel, from, to));
            for (int j = 0; j < plans.size(); j++) {
                Plan plan = plans.get(j);
                Partial[] mine = new Partial[parts.size()];
                for (int t = 0; t < mine.length; t++) {
                    mine[t] = parts.get(t)[j];
                }
                results[plan.index] = finish(m, plan, mine, kernel, parallelism, pool, minRowsPerTask);
            }
        }
        return List.of(results);
    }

    /** Prune with the global threshold and rescore the candidates of one query. */
    private static Int8Result finish(CatalogMatrix m, Plan plan, Partial[] parts, ScoringKernel kernel,
                                     int parallelism, ExecutorService pool, int minRowsPerTask) {
        Int8Query q = plan.query;
        // global threshold: k-th largest lower bound of the union of the per-task top-k lower bounds
        LowerBounds global = new LowerBounds(q.k());
        for (Partial p : parts) {
            if (p.overflow) {
                return fallback(m, q, kernel, parallelism, pool, minRowsPerTask, "candidate set exceeded " + plan.cap);
            }
            for (int i = 0; i < p.lower.size; i++) {
                global.offer(p.lower.heap[i]);
            }
        }
        float t = global.threshold();
        int count = 0;
        for (Partial p : parts) {
            for (int i = 0; i < p.count; i++) {
                if (!(p.upper[i] < t)) {
                    count++;
                }
            }
        }
        if (count > plan.cap) {
            // same words as a per-task overflow: the result does not depend on the split
            return fallback(m, q, kernel, parallelism, pool, minRowsPerTask, "candidate set exceeded " + plan.cap);
        }
        TopK top = new TopK(q.k());
        for (Partial p : parts) {
            for (int i = 0; i < p.count; i++) {
                if (!(p.upper[i] < t)) {
                    int r = p.rows[i];
                    float s = Scores.score(kernel, m, r, q.query(), plan.qNorm, q.metric());
                    if (top.accepts(s, r)) {
                        top.insert(s, r);
                    }
                }
            }
        }
        return new Int8Result(top.toResult(), count, false, null);
    }

    private static Int8Result fallback(CatalogMatrix m, Int8Query q, ScoringKernel kernel, int parallelism,
                                       ExecutorService pool, int minRowsPerTask, String why) {
        SearchResult r = new ExactSearch().topK(m, q.query(), q.metric(), q.k(), q.excludedRow(), kernel, parallelism,
                pool, minRowsPerTask);
        return new Int8Result(r, m.rows(), true, why);
    }

    /** Phase 1 over rows {@code [from, to)} for every planned query; chunk by chunk, query by query. */
    private static Partial[] scan(QuantizedCatalog qc, List<Plan> plans, ScoringKernel kernel, int from, int to) {
        final int B = QuantizedCatalog.BLOCK;
        int fromBlock = from / B;
        int toBlock = (to + B - 1) / B;
        int[] dots = new int[CHUNK_BLOCKS * B];
        int[] passing = new int[CHUNK_BLOCKS];
        float[] approx = new float[B];
        float[] bnd = new float[B];
        int[] hits = new int[B];
        Partial[] ps = new Partial[plans.size()];
        for (int j = 0; j < ps.length; j++) {
            ps[j] = new Partial(plans.get(j).query.k(), Math.min(INITIAL_CAPACITY, Math.max(64, to - from)));
        }
        int scanning = ps.length;
        for (int b0 = fromBlock; b0 < toBlock && scanning > 0; b0 += CHUNK_BLOCKS) {
            int b1 = Math.min(toBlock, b0 + CHUNK_BLOCKS);
            for (int j = 0; j < ps.length; j++) {
                Partial p = ps[j];
                if (p.overflow) {
                    continue; // this query falls back to float32; the others go on
                }
                Plan plan = plans.get(j);
                QuantizedCatalog.RowBounds rb = qc.bounds(plan.query.metric());
                IntPredicate excluded = plan.query.excludedRow();
                QueryCodes qcodes = plan.codes;
                kernel.int8DotBlocks(qc.codes(), qc.paddedDim(), qcodes.pairs, b0, b1, dots);
                int passed = kernel.int8BlockTest(dots, qcodes.scale, rb, b0, b1 - b0, plan.q2, plan.d2, plan.h,
                        plan.eta, p.threshold(), passing);
                rows:
                for (int x = 0; x < passed; x++) {
                    int b = passing[x];
                    int n = kernel.int8RowFilter(dots, (b - b0) * B, qcodes.scale, rb, b, plan.q2, plan.d2, plan.h,
                            plan.eta, p.threshold(), approx, bnd, hits);
                    for (int y = 0; y < n; y++) {
                        int r = b * B + hits[y];
                        if (r < from || r >= to || (excluded != null && excluded.test(r))) {
                            continue; // padding rows of the last block, excluded rows
                        }
                        if (!p.add(r, approx[hits[y]], bnd[hits[y]], plan.cap)) {
                            scanning--;
                            break rows;
                        }
                    }
                }
            }
        }
        return ps;
    }

    /** Everything phase 1 needs about one query, or why it goes straight to the float32 scan. */
    private static final class Plan {
        final Int8Query query;
        final int index;
        final float qNorm;
        final QueryCodes codes;
        final float q2;
        final float d2;
        final float h;
        final float eta;
        final int cap;
        final String fallbackReason;

        private Plan(Int8Query query, int index, float qNorm, QueryCodes codes, float q2, float d2, float h, float eta,
                     int cap, String fallbackReason) {
            this.query = query;
            this.index = index;
            this.qNorm = qNorm;
            this.codes = codes;
            this.q2 = q2;
            this.d2 = d2;
            this.h = h;
            this.eta = eta;
            this.cap = cap;
            this.fallbackReason = fallbackReason;
        }

        private static Plan fallback(Int8Query query, int index, String why) {
            return new Plan(query, index, 0f, null, 0f, 0f, 0f, 0f, 0, why);
        }

        static Plan of(QuantizedCatalog qc, Int8Query q, int index) {
            float[] query = q.query();
            Metric metric = q.metric();
            int dim = qc.dim();
            float qNorm = CatalogMatrix.l2Norm(query);
            if (metric == Metric.COSINE && qNorm == 0f) {
                return fallback(q, index, "zero query (all cosine scores are 0)");
            }
            if (!Float.isFinite(qNorm)) {
                return fallback(q, index, "query norm not finite");
            }
            // query used by the scan: raw for DOT, unit-normalised for COSINE
            float[] qv = query;
            if (metric == Metric.COSINE) {
                qv = new float[dim];
                for (int i = 0; i < dim; i++) {
                    qv[i] = query[i] / qNorm;
                }
            }
            boolean allowance = qc.roundingAllowance();
            double q2 = CatalogMatrix.l2Norm(qv, 0, dim); // rounded to nearest; inflate below
            double inflate = allowance ? 1 + 16 * Rounding.U : 1;
            float q2f = Rounding.roundUp(q2 * (1 + (dim + 4) * 0x1p-52) * inflate);
            float hf = Rounding.roundUp(allowance ? (qc.additive(metric) + 8 * 0x1p-149) * inflate : 0);
            float eta = allowance ? ETA : 0f;
            QueryCodes codes = QueryCodes.of(qv, qc.paddedDim(), allowance);
            float d2f = qc.queryTerm() ? codes.d2 : 0f;
            if (!Float.isFinite(q2f) || !Float.isFinite(d2f)) {
                return fallback(q, index, "query bound not finite");
            }
            return new Plan(q, index, qNorm, codes, q2f, d2f, hf, eta, maxCandidates(q.k(), qc.rows()), null);
        }
    }

    /**
     * The query's int8 codes in the kernel's pair pattern, its scale {@code s_q = fl(max|q'_i| / 127)} and
     * {@code D2 >= ||q' - s_q cq||_2}: the residual is computed exactly in double (as for the rows), its norm
     * inflated for the double sum/sqrt and by {@code 1 + 2^-20} (covers the 4 float roundings of
     * {@code a_r}: int-&gt;float, {@code * s_q}, {@code * scale_r}, and {@code scale_r} itself, applied to the
     * {@code D2} part; the {@code Q2} part is covered by {@code G}), then rounded up.
     */
    static final class QueryCodes {
        final short[] pairs;
        final float scale;
        final float d2;

        private QueryCodes(short[] pairs, float scale, float d2) {
            this.pairs = pairs;
            this.scale = scale;
            this.d2 = d2;
        }

        static QueryCodes of(float[] qv, int paddedDim, boolean allowance) {
            final int B = QuantizedCatalog.BLOCK;
            int dim = qv.length;
            float maxAbs = 0f;
            for (float x : qv) {
                maxAbs = Math.max(maxAbs, Math.abs(x));
            }
            float s = maxAbs / 127f;
            short[] pairs = new short[paddedDim * B];
            double r2 = 0;
            for (int i = 0; i < dim; i++) {
                int c = 0;
                if (s > 0f) {
                    c = Math.max(-127, Math.min(127, Math.round(qv[i] / s)));
                }
                double e = (double) qv[i] - (double) s * c; // exact (see docs/int8-bound.md)
                r2 += e * e;
                int base = (i >> 1) * 2 * B + (i & 1);
                for (int lane = 0; lane < B; lane++) {
                    pairs[base + 2 * lane] = (short) c;
                }
            }
            double d2 = Math.sqrt(r2) * (1 + (dim + 4) * 0x1p-52);
            if (allowance) {
                d2 *= 1 + 0x1p-20;
            }
            return new QueryCodes(pairs, s, Rounding.roundUp(d2));
        }
    }

    /** Per-task phase-1 state: the k largest lower bounds and the rows whose upper bound reached the threshold. */
    private static final class Partial {
        final LowerBounds lower;
        int[] rows;
        float[] upper;
        int count;
        boolean overflow;

        Partial(int k, int capacity) {
            this.lower = new LowerBounds(k);
            this.rows = new int[capacity];
            this.upper = new float[capacity];
        }

        float threshold() {
            return lower.threshold();
        }

        /** Records row r with bounds a -+ b unless it is already below the threshold; false on overflow. */
        boolean add(int r, float a, float b, int cap) {
            float up = a + b;
            float t = lower.threshold();
            if (up < t) {
                return true;
            }
            if (lower.offer(a - b)) {
                t = lower.threshold();
            }
            if (count == rows.length) {
                compact(t);
                if (count > cap && rows.length >= 2 * cap) {
                    overflow = true;
                    return false;
                }
                if (count > rows.length / 2) { // little removed: grow
                    rows = java.util.Arrays.copyOf(rows, rows.length * 2);
                    upper = java.util.Arrays.copyOf(upper, upper.length * 2);
                }
            }
            rows[count] = r;
            upper[count] = up;
            count++;
            return true;
        }

        void compact(float t) {
            int n = 0;
            for (int i = 0; i < count; i++) {
                if (!(upper[i] < t)) {
                    rows[n] = rows[i];
                    upper[n] = upper[i];
                    n++;
                }
            }
            count = n;
        }
    }

    /** Min-heap of the k largest lower bounds; threshold() is the k-th largest (or -inf while not full). */
    static final class LowerBounds {
        final float[] heap;
        int size;

        LowerBounds(int k) {
            heap = new float[k];
        }

        float threshold() {
            return size < heap.length ? Float.NEGATIVE_INFINITY : heap[0];
        }

        /** Returns true if the threshold may have changed. NaN is ignored (never raises the threshold). */
        boolean offer(float x) {
            if (!(x == x)) {
                return false;
            }
            if (size < heap.length) {
                int i = size++;
                while (i > 0) {
                    int parent = (i - 1) >>> 1;
                    if (heap[parent] > x) {
                        heap[i] = heap[parent];
                        i = parent;
                    } else {
                        break;
                    }
                }
                heap[i] = x;
                return size == heap.length;
            }
            if (!(x > heap[0])) {
                return false;
            }
            int i = 0;
            int half = size >>> 1;
            while (i < half) {
                int c = 2 * i + 1;
                if (c + 1 < size && heap[c + 1] < heap[c]) {
                    c++;
                }
                if (heap[c] < x) {
                    heap[i] = heap[c];
                    i = c;
                } else {
                    break;
                }
            }
            heap[i] = x;
            return true;
        }
    }
}
