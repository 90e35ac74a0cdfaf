package com.example.profiles.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;

/**
 * float32 brute-force top-k.
 *
 * <p>Scores: DOT = {@code kernel.dot(row, query)}; COSINE = {@link Scores#cosine} of that dot and the float
 * norms (0 if either norm is 0). Order: score descending, ties by lower row index. Selection by a bounded
 * heap per chunk (never a full sort). With {@code parallelism > 1} the rows are split into contiguous chunks,
 * each task keeps its own top-k and the partial results are merged under the same total order, so the result
 * is bit-identical to {@code parallelism == 1} (each row's arithmetic does not depend on the split).
 */
public final class ExactSearch {

    /** Maximum k accepted by the searches. */
    public static final int MAX_K = 1000;

    static final int BUFFER_ROWS = 512;

    public ExactSearch() {
    }

    /**
     * @param excludedRow rows to skip (may be null); only consulted for rows that would enter the top-k
     * @param pool        executor for the chunks; may be null when {@code parallelism == 1} (if null with
     *                    {@code parallelism > 1} the chunks run in the calling thread, same result)
     * @throws IllegalArgumentException if k is not in 1..1000, query length != dim, or parallelism < 1
     */
    public SearchResult topK(CatalogMatrix m, float[] query, Metric metric, int k, IntPredicate excludedRow,
                             ScoringKernel kernel, int parallelism, ExecutorService pool) {
        return topK(m, query, metric, k, excludedRow, kernel, parallelism, pool, MIN_ROWS_PER_TASK);
    }

    /** Chunks smaller than this are not worth a task. */
    static final int MIN_ROWS_PER_TASK = 4096;

    SearchResult topK(CatalogMatrix m, float[] query, Metric metric, int k, IntPredicate excludedRow,
                      ScoringKernel kernel, int parallelism, ExecutorService pool, int minRowsPerTask) {
        validate(m, query, metric, k, kernel, parallelism);
        float qNorm = CatalogMatrix.l2Norm(query);
        int rows = m.rows();
        int tasks = Math.max(1, Math.min(parallelism, rows / Math.max(1, minRowsPerTask)));
        if (tasks == 1) {
            return scan(m, query, qNorm, metric, k, excludedRow, kernel, 0, rows).toResult();
        }
        List<TopK> parts = runChunks(rows, tasks, pool,
                (from, to) -> scan(m, query, qNorm, metric, k, excludedRow, kernel, from, to));
        TopK merged = new TopK(k);
        for (TopK part : parts) {
            merged.addAll(part);
        }
        return merged.toResult();
    }

    static void validate(CatalogMatrix m, float[] query, Metric metric, int k, ScoringKernel kernel, int parallelism) {
        if (m == null || query == null || metric == null || kernel == null) {
            throw new IllegalArgumentException("matrix, query, metric and kernel are required");
        }
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be in 1.." + MAX_K + ": " + k);
        }
        if (query.length != m.dim()) {
            throw new IllegalArgumentException("query length " + query.length + " != dim " + m.dim());
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1: " + parallelism);
        }
    }

    static TopK scan(CatalogMatrix m, float[] query, float qNorm, Metric metric, int k, IntPredicate excluded,
                     ScoringKernel kernel, int from, int to) {
        TopK heap = new TopK(k);
        float[] buf = new float[BUFFER_ROWS];
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
        return heap;
    }

    interface Chunk<T> {
        T run(int from, int to) throws Exception;
    }

    /** Splits [0, rows) into {@code tasks} contiguous chunks (boundaries multiples of {@code align}). */
    static <T> List<T> runChunks(int rows, int tasks, ExecutorService pool, Chunk<T> chunk) {
        return runChunks(rows, tasks, 1, pool, chunk);
    }

    static <T> List<T> runChunks(int rows, int tasks, int align, ExecutorService pool, Chunk<T> chunk) {
        int units = (rows + align - 1) / align;
        int[] bounds = new int[tasks + 1];
        for (int t = 0; t <= tasks; t++) {
            bounds[t] = Math.min(rows, (int) ((long) units * t / tasks) * align);
        }
        List<T> results = new ArrayList<>(tasks);
        try {
            if (pool == null) {
                for (int t = 0; t < tasks; t++) {
                    results.add(chunk.run(bounds[t], bounds[t + 1]));
                }
                return results;
            }
            List<Future<T>> futures = new ArrayList<>(tasks);
            // run the last chunk in the calling thread, the others in the pool
            for (int t = 0; t < tasks - 1; t++) {
                final int from = bounds[t];
                final int to = bounds[t + 1];
                futures.add(pool.submit(() -> chunk.run(from, to)));
            }
            T last = chunk.run(bounds[tasks - 1], bounds[tasks]);
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            results.add(last);
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error er) {
                throw er;
            }
            throw new IllegalStateException(c);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
