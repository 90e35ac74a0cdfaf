package com.example.profiles.kernel;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.IntPredicate;

/**
 * Exact top-k over a {@link QuantizedCatalog} in three phases.
 * <ol>
 *   <li><b>Scan</b>: int8 codes against the float query ({@link ScoringKernel#int8DotBlocks}, Vector API:
 *       8 rows per 256-bit vector, byte-&gt;float widening, FMA), giving an approximate score {@code a_r} and a
 *       rigorous bound {@code b_r} with {@code |exact_r - a_r| <= b_r} (see {@link QuantizedCatalog}).</li>
 *   <li><b>Prune</b>: {@code T} = k-th largest lower bound {@code a_r - b_r} among non-excluded rows;
 *       candidates are the rows with {@code a_r + b_r >= T}. Any other row has an exact score strictly below
 *       k rows' exact scores, so it cannot be in the top-k (ties included).</li>
 *   <li><b>Rescore</b>: candidates are scored with the same float32 kernel arithmetic and the same
 *       {@link Scores} formula as {@link ExactSearch}, and the top-k is selected with the same tie rule, so
 *       the result (rows, order, float bits) is identical to {@link ExactSearch}.</li>
 * </ol>
 * If the candidate set grows beyond {@code max(4096, 16k)} (adversarial data: many equal rows or ties near
 * the k-th score), or the cosine query is zero, it falls back to the float32 scan and reports it.
 * With {@code parallelism > 1}, contiguous block-aligned chunks are scanned by separate tasks; the global
 * threshold is the k-th largest lower bound of the union, so the candidate set (and result) is identical
 * to the single-threaded one.
 */
public final class Int8Search {

    static final int CHUNK_BLOCKS = 64;
    /** Relative slack covering float rounding of the filter itself: 2^-20 = 16 u. */
    static final float ETA = 0x1p-20f;

    public Int8Search() {
    }

    static int maxCandidates(int k) {
        return Math.max(4096, 16 * k);
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
        if (!Float.isFinite(q2f)) {
            return fallback(m, query, metric, k, excludedRow, kernel, parallelism, pool, minRowsPerTask, "query bound not finite");
        }
        int cap = maxCandidates(k);
        int tasks = Math.max(1, Math.min(parallelism, rows / Math.max(1, minRowsPerTask)));
        final float[] fqv = qv;
        List<Partial> parts = ExactSearch.runChunks(rows, tasks, QuantizedCatalog.BLOCK, tasks == 1 ? null : pool,
                (from, to) -> scan(qc, fqv, metric, k, excludedRow, kernel, from, to, q2f, hf, eta, cap));
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
                    "candidate set " + count + " exceeded " + cap);
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

    private static Partial scan(QuantizedCatalog qc, float[] qv, Metric metric, int k, IntPredicate excluded,
                                ScoringKernel kernel, int from, int to, float q2, float h, float eta, int cap) {
        final int B = QuantizedCatalog.BLOCK;
        byte[] codes = qc.codes();
        float[] scale = qc.scale(metric);
        float[] w = qc.bound(metric);
        int dim = qc.dim();
        int fromBlock = from / B;
        int toBlock = (to + B - 1) / B;
        float[] acc = new float[CHUNK_BLOCKS * B];
        float[] bnd = new float[CHUNK_BLOCKS * B];
        int[] hits = new int[CHUNK_BLOCKS * B];
        Partial p = new Partial(k, Math.min(2 * cap, Math.max(64, to - from)));
        float t = Float.NEGATIVE_INFINITY;
        for (int b0 = fromBlock; b0 < toBlock; b0 += CHUNK_BLOCKS) {
            int b1 = Math.min(toBlock, b0 + CHUNK_BLOCKS);
            kernel.int8DotBlocks(codes, dim, qv, b0, b1, acc);
            int n = kernel.int8Filter(acc, scale, w, b0 * B, (b1 - b0) * B, q2, h, eta, t, bnd, hits);
            for (int x = 0; x < n; x++) {
                int j = hits[x];
                int r = b0 * B + j;
                if (r < from || r >= to) {
                    continue; // padding rows of the last block
                }
                float a = acc[j];
                float b = bnd[j];
                float up = a + b;
                if (up < t || (excluded != null && excluded.test(r))) {
                    continue;
                }
                float lo = a - b;
                if (p.lower.offer(lo)) {
                    t = p.lower.threshold();
                }
                if (p.count == p.rows.length) {
                    p.compact(t);
                    if (p.count > cap) {
                        p.overflow = true;
                        return p;
                    }
                }
                p.rows[p.count] = r;
                p.upper[p.count] = up;
                p.count++;
            }
        }
        return p;
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
            if (count == rows.length) { // nothing removed: grow (bounded by the cap check of the caller)
                rows = java.util.Arrays.copyOf(rows, rows.length * 2);
                upper = java.util.Arrays.copyOf(upper, upper.length * 2);
            }
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
