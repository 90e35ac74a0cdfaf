package com.example.profiles.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Splits a scan over {@code rows} into contiguous chunks, one task each, up to {@code parallelism} tasks and
 * never fewer than {@code minRowsPerTask} rows per task. The last chunk runs in the calling thread, the others
 * in the pool (all in the calling thread when there is no pool). Results come back in row order, so callers
 * that merge them under a total order get the same answer whatever the split.
 */
final class RowChunks {

    /** Chunks smaller than this are not worth a task. */
    static final int MIN_ROWS_PER_TASK = 4096;

    interface Chunk<T> {
        T run(int from, int to) throws Exception;
    }

    private final int parallelism;
    private final ExecutorService pool;
    private final int minRowsPerTask;

    /**
     * @param pool may be null: the chunks then run one after the other in the calling thread (same result)
     * @throws IllegalArgumentException if parallelism or minRowsPerTask is below 1
     */
    RowChunks(int parallelism, ExecutorService pool, int minRowsPerTask) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1: " + parallelism);
        }
        if (minRowsPerTask < 1) {
            throw new IllegalArgumentException("minRowsPerTask must be >= 1: " + minRowsPerTask);
        }
        this.parallelism = parallelism;
        this.pool = pool;
        this.minRowsPerTask = minRowsPerTask;
    }

    int parallelism() {
        return parallelism;
    }

    /** Number of tasks a scan of {@code rows} rows is split into. */
    int tasks(int rows) {
        return Math.max(1, Math.min(parallelism, rows / minRowsPerTask));
    }

    /** Runs {@code chunk} over [0, rows) split into {@link #tasks} chunks whose boundaries are multiples of {@code align}. */
    <T> List<T> run(int rows, int align, Chunk<T> chunk) {
        int tasks = tasks(rows);
        int units = (rows + align - 1) / align;
        int[] bounds = new int[tasks + 1];
        for (int t = 0; t <= tasks; t++) {
            bounds[t] = Math.min(rows, (int) ((long) units * t / tasks) * align);
        }
        List<T> results = new ArrayList<>(tasks);
        try {
            if (pool == null || tasks == 1) {
                for (int t = 0; t < tasks; t++) {
                    results.add(chunk.run(bounds[t], bounds[t + 1]));
                }
                return results;
            }
            List<Future<T>> futures = new ArrayList<>(tasks);
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
