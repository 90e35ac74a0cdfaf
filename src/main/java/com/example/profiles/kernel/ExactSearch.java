package com.example.profiles.kernel;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.IntPredicate;

/**
 * float32 brute-force top-k. Stateless once built: one instance per kernel and pool serves every query.
 *
 * <p>Scores: DOT = {@code kernel.dot(row, query)}; COSINE = {@link Scores#cosine} of that dot and the float
 * norms (0 if either norm is 0). Order: score descending, ties by lower tie rank (the row index unless the
 * matrix carries ranks, {@link CatalogMatrix#tieRanks()}). Selection by a bounded
 * heap per chunk (never a full sort). With {@code parallelism > 1} the rows are split into contiguous chunks
 * ({@link RowChunks}), each task keeps its own top-k and the partial results are merged under the same total
 * order, so the result is bit-identical to {@code parallelism == 1} (each row's arithmetic does not depend on
 * the split).
 */
public final class ExactSearch {

    /** Maximum k accepted by the searches. */
    public static final int MAX_K = 1000;

    static final int BUFFER_ROWS = 512;

    private final ScoringKernel kernel;
    private final RowChunks chunks;

    /**
     * @param pool executor for the chunks; may be null (the chunks then run in the calling thread, same result)
     * @throws IllegalArgumentException if the kernel is null or parallelism < 1
     */
    public ExactSearch(ScoringKernel kernel, int parallelism, ExecutorService pool) {
        this(kernel, new RowChunks(parallelism, pool, RowChunks.MIN_ROWS_PER_TASK));
    }

    ExactSearch(ScoringKernel kernel, RowChunks chunks) {
        if (kernel == null) {
            throw new IllegalArgumentException("kernel is required");
        }
        this.kernel = kernel;
        this.chunks = chunks;
    }

    public ScoringKernel kernel() {
        return kernel;
    }

    /**
     * @param excludedRow rows to skip (may be null); only consulted for rows that would enter the top-k
     * @throws IllegalArgumentException if k is not in 1..1000 or the query length is not the matrix's dim
     */
    public SearchResult topK(CatalogMatrix m, float[] query, Metric metric, int k, IntPredicate excludedRow) {
        validate(m, query, metric, k);
        float qNorm = CatalogMatrix.l2Norm(query);
        return merge(chunks.run(m.rows(), 1, (from, to) -> scan(m, query, qNorm, metric, k, excludedRow, from, to)));
    }

    /**
     * The exact top-k of {@code q}, honouring its mask: a selective mask is answered by scoring only its rows
     * ({@link ScanStrategy#GATHER}), a wide one by the full scan skipping the rows outside it. The candidate
     * count is the number of rows scored.
     */
    public TopKOutcome search(CatalogMatrix m, TopKQuery q) {
        if (ScanStrategy.choose(q.mask(), m.rows(), false) == ScanStrategy.GATHER) {
            return gather(m, q);
        }
        SearchResult result = topK(m, q.query(), q.metric(), q.k(), q.skipped());
        return new TopKOutcome(result, m.rows(), false, null, ScanStrategy.FULL, m.rows(), 0);
    }

    /** Scores only the rows of {@code q.mask()}, with the same arithmetic and tie rule as the full scan. */
    TopKOutcome gather(CatalogMatrix m, TopKQuery q) {
        validate(m, q.query(), q.metric(), q.k());
        RowMask mask = q.mask();
        float qNorm = CatalogMatrix.l2Norm(q.query());
        // the work is the mask's rows, not the catalog's: a small mask is not worth splitting
        List<TopK> parts = mask.count() < RowChunks.MIN_ROWS_PER_TASK
                ? List.of(gatherRows(m, q, qNorm, 0, m.rows()))
                : chunks.run(m.rows(), 64, (from, to) -> gatherRows(m, q, qNorm, from, to));
        return new TopKOutcome(merge(parts), mask.count(), false, null, ScanStrategy.GATHER, mask.count(), 0);
    }

    /** The chunks' top-k merged under the same total order (the first chunk's heap absorbs the others). */
    private static SearchResult merge(List<TopK> parts) {
        TopK merged = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            merged.addAll(parts.get(i));
        }
        return merged.toResult();
    }

    private TopK gatherRows(CatalogMatrix m, TopKQuery q, float qNorm, int from, int to) {
        TopK heap = new TopK(q.k(), m.tieRanks());
        gatherInto(m, q.query(), qNorm, q.metric(), q.mask().words(), q.excludedRow(), from, to, heap);
        return heap;
    }

    /**
     * Scores the rows of {@code [from, to)} whose bit is set in {@code words} into {@code heap} (rows for which
     * {@code excluded} holds are skipped); the state carries over from range to range.
     */
    void gatherInto(CatalogMatrix m, float[] query, float qNorm, Metric metric, long[] words, IntPredicate excluded,
                    int from, int to, TopK heap) {
        for (int w = from >>> 6; w < (to + 63) >>> 6; w++) {
            long bits = words[w];
            while (bits != 0) {
                int r = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (r < from) {
                    continue; // a range that does not start on a word boundary
                }
                if (r >= to) {
                    break;
                }
                heap.offer(Scores.score(kernel, m, r, query, qNorm, metric), r, excluded);
            }
        }
    }

    static void validate(CatalogMatrix m, float[] query, Metric metric, int k) {
        if (m == null || query == null || metric == null) {
            throw new IllegalArgumentException("matrix, query and metric are required");
        }
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be in 1.." + MAX_K + ": " + k);
        }
        if (query.length != m.dim()) {
            throw new IllegalArgumentException("query length " + query.length + " != dim " + m.dim());
        }
    }

    private TopK scan(CatalogMatrix m, float[] query, float qNorm, Metric metric, int k, IntPredicate excluded,
                      int from, int to) {
        TopK heap = new TopK(k, m.tieRanks());
        scanInto(m, query, qNorm, metric, excluded, from, to, heap, new float[BUFFER_ROWS]);
        return heap;
    }

    /**
     * Scores rows {@code [from, to)} into {@code heap} (rows for which {@code excluded} holds are skipped), with
     * {@code buf} ({@link #BUFFER_ROWS} floats) as scratch; the state carries over from range to range.
     */
    void scanInto(CatalogMatrix m, float[] query, float qNorm, Metric metric, IntPredicate excluded, int from,
                  int to, TopK heap, float[] buf) {
        float[] data = m.data();
        int dim = m.dim();
        boolean cosine = metric == Metric.COSINE;
        for (int r0 = from; r0 < to; r0 += BUFFER_ROWS) {
            int r1 = Math.min(to, r0 + BUFFER_ROWS);
            kernel.dotRows(data, dim, query, r0, r1, buf, 0);
            for (int r = r0; r < r1; r++) {
                float s = buf[r - r0];
                if (cosine) {
                    s = Scores.cosine(s, qNorm, m.norm(r));
                }
                heap.offer(s, r, excluded);
            }
        }
    }
}
