package com.example.profiles.kernel;

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
        CatalogMatrix m = qc.matrix();
        ExactSearch.validate(m, query, metric, k, kernel, parallelism);
        int rows = m.rows();
        int dim = m.dim();
        float qNorm = CatalogMatrix.l2Norm(query);
        if (metric == Metric.COSINE && qNorm == 0f) {
            return fallback(m, query, metric, k, excludedRow, kernel, parallelism, pool, minRowsPerTask, "zero query (all cosine scores are 0)");
        }
        if (!Float.isFinite(qNorm)) {
            return fallback(m, query, metric, k, excludedRow, kernel, parallelism, pool, minRowsPerTask, "query norm not finite");
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
        QueryCodes qcodes = QueryCodes.of(qv, qc.paddedDim(), allowance);
        float d2f = qc.queryTerm() ? qcodes.d2 : 0f;
        if (!Float.isFinite(q2f) || !Float.isFinite(d2f)) {
            return fallback(m, query, metric, k, excludedRow, kernel, parallelism, pool, minRowsPerTask, "query bound not finite");
        }
        int cap = maxCandidates(k, rows);
        int tasks = Math.max(1, Math.min(parallelism, rows / Math.max(1, minRowsPerTask)));
        List<Partial> parts = ExactSearch.runChunks(rows, tasks, QuantizedCatalog.BLOCK, tasks == 1 ? null : pool,
                (from, to) -> scan(qc, qcodes, metric, k, excludedRow, kernel, from, to, q2f, d2f, hf, eta, cap));
        // global threshold: k-th largest lower bound of the union of the per-task top-k lower bounds
        LowerBounds global = new LowerBounds(k);
        for (Partial p : parts) {
            if (p.overflow) {
                return fallback(m, query, metric, k, excludedRow, kernel, parallelism, pool, minRowsPerTask,
                        "candidate set exceeded " + cap);
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
        if (count > cap) {
            return fallback(m, query, metric, k, excludedRow, kernel, parallelism, pool, minRowsPerTask,
                    "candidate set exceeded " + cap); // same words as a per-task overflow: result independent of the split
        }
        TopK top = new TopK(k);
        for (Partial p : parts) {
            for (int i = 0; i < p.count; i++) {
                if (!(p.upper[i] < t)) {
                    int r = p.rows[i];
                    float s = Scores.score(kernel, m, r, query, qNorm, metric);
                    if (top.accepts(s, r)) {
                        top.insert(s, r);
                    }
                }
            }
        }
        return new Int8Result(top.toResult(), count, false, null);
    }

    private static Int8Result fallback(CatalogMatrix m, float[] query, Metric metric, int k, IntPredicate excluded,
                                       ScoringKernel kernel, int parallelism, ExecutorService pool, int minRowsPerTask, String why) {
        SearchResult r = new ExactSearch().topK(m, query, metric, k, excluded, kernel, parallelism, pool, minRowsPerTask);
        return new Int8Result(r, m.rows(), true, why);
    }

    private static Partial scan(QuantizedCatalog qc, QueryCodes qcodes, Metric metric, int k, IntPredicate excluded,
                                ScoringKernel kernel, int from, int to, float q2, float d2, float h, float eta, int cap) {
        final int B = QuantizedCatalog.BLOCK;
        QuantizedCatalog.RowBounds rb = qc.bounds(metric);
        int fromBlock = from / B;
        int toBlock = (to + B - 1) / B;
        int[] dots = new int[CHUNK_BLOCKS * B];
        int[] passing = new int[CHUNK_BLOCKS];
        float[] approx = new float[B];
        float[] bnd = new float[B];
        int[] hits = new int[B];
        Partial p = new Partial(k, Math.min(INITIAL_CAPACITY, Math.max(64, to - from)));
        for (int b0 = fromBlock; b0 < toBlock; b0 += CHUNK_BLOCKS) {
            int b1 = Math.min(toBlock, b0 + CHUNK_BLOCKS);
            kernel.int8DotBlocks(qc.codes(), qc.paddedDim(), qcodes.pairs, b0, b1, dots);
            int passed = kernel.int8BlockTest(dots, qcodes.scale, rb, b0, b1 - b0, q2, d2, h, eta, p.threshold(), passing);
            for (int x = 0; x < passed; x++) {
                int b = passing[x];
                int n = kernel.int8RowFilter(dots, (b - b0) * B, qcodes.scale, rb, b, q2, d2, h, eta, p.threshold(),
                        approx, bnd, hits);
                for (int y = 0; y < n; y++) {
                    int r = b * B + hits[y];
                    if (r < from || r >= to || (excluded != null && excluded.test(r))) {
                        continue; // padding rows of the last block, excluded rows
                    }
                    if (!p.add(r, approx[hits[y]], bnd[hits[y]], cap)) {
                        return p;
                    }
                }
            }
        }
        return p;
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
