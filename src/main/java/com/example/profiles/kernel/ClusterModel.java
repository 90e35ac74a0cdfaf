package com.example.profiles.kernel;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;

/**
 * Centroids that partition a catalog's rows into clusters for {@link PrunedSearch}, built off the request path.
 *
 * <p><b>Two levels.</b> A flat k-means over {@code sqrt(N)} centroids would cost {@code N * sqrt(N) * dim}
 * multiply-adds per assignment pass (10M x 64: 2e12, minutes). Instead about {@code sqrt(C)} top centroids are
 * fitted on a sample, every row goes to its nearest top centroid, and inside each top group about
 * {@code C * groupSize / N} sub-centroids are fitted on a sample of that group; a row's cluster is its nearest
 * sub-centroid within its group. One pass then costs {@code N * 2 sqrt(C) * dim} (10M x 64 x 113). A row is not
 * always in the globally nearest cluster; that only loosens a radius, never a bound's validity.
 *
 * <p>Deterministic for a seed and kernel (each group draws from its own seeded generator, so the split across
 * threads does not matter). Cluster numbers are stable: an incremental refresh assigns new rows with
 * {@link #nearest} and keeps the other rows' clusters, and {@link ClusterLayout} keeps empty clusters, so
 * cluster {@code c} of the model is cluster {@code c} of every layout built from it.
 */
public final class ClusterModel {

    /** Sample rows per centroid for the fit (the assignment pass then sees every row). */
    static final int SAMPLE_PER_CENTROID = 32;
    /** Lloyd iterations per level after k-means++ seeding. */
    static final int ITERATIONS = 6;

    private final int dim;
    private final float[] top;
    private final float[] topHalf;
    private final int tops;
    /** Sub-centroids of top centroid t are {@code [subStart[t], subStart[t + 1])}. */
    private final int[] subStart;
    private final float[] sub;
    private final float[] subHalf;

    /** A fitted model and the cluster of every row it was fitted on. */
    public record Fit(ClusterModel model, int[] clusterOfRow) {
    }

    private ClusterModel(int dim, float[] top, int tops, int[] subStart, float[] sub) {
        this.dim = dim;
        this.top = top;
        this.tops = tops;
        this.subStart = subStart;
        this.sub = sub;
        this.topHalf = new float[tops];
        KMeans.halfSquaredNorms(top, tops, dim, topHalf);
        int clusters = subStart[tops];
        this.subHalf = new float[clusters];
        KMeans.halfSquaredNorms(sub, clusters, dim, subHalf);
    }

    /** About {@code sqrt(rows)} clusters (at least 1). */
    public static int suggestedClusters(int rows) {
        return Math.max(1, (int) Math.round(Math.sqrt(rows)));
    }

    public int clusters() {
        return subStart[tops];
    }

    public int dim() {
        return dim;
    }

    /**
     * Fits about {@code clusters} centroids to the rows and assigns every row.
     *
     * @param data     {@code rows x dim}, row-major (not modified)
     * @param clusters wanted clusters, at least 1 (fewer come back when there are fewer rows)
     * @param pool     may be null (everything then runs in the calling thread, same result)
     * @throws IllegalArgumentException on a shape mismatch, no rows, or clusters or parallelism below 1
     */
    public static Fit fit(float[] data, int rows, int dim, int clusters, long seed, ScoringKernel kernel,
                          int parallelism, ExecutorService pool) {
        if (data == null || kernel == null || rows < 1 || dim < 1 || (long) rows * dim != data.length) {
            throw new IllegalArgumentException("need rows >= 1 of dim >= 1 matching data.length and a kernel");
        }
        if (clusters < 1) {
            throw new IllegalArgumentException("clusters must be >= 1: " + clusters);
        }
        RowChunks chunks = new RowChunks(parallelism, pool, RowChunks.MIN_ROWS_PER_TASK);
        int c = Math.min(clusters, rows);
        int tops = Math.max(1, Math.min(c, (int) Math.round(Math.sqrt(c))));
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] sample = sample(data, dim, rows, null, 0, Math.min(rows, SAMPLE_PER_CENTROID * tops), rnd);
        float[] top = KMeans.fit(sample, sample.length / dim, dim, tops, ITERATIONS, rnd, kernel);
        float[] topHalf = new float[tops];
        KMeans.halfSquaredNorms(top, tops, dim, topHalf);

        int[] topOf = new int[rows];
        chunks.run(rows, 1, (from, to) -> {
            float[] row = new float[dim];
            float[] dots = new float[tops];
            for (int r = from; r < to; r++) {
                System.arraycopy(data, r * dim, row, 0, dim);
                topOf[r] = KMeans.nearest(kernel, top, topHalf, 0, tops, dim, row, dots);
            }
            return null;
        });
        // rows grouped by top centroid (counting sort), to sample each group
        int[] groupStart = new int[tops + 1];
        for (int t : topOf) {
            groupStart[t + 1]++;
        }
        for (int t = 0; t < tops; t++) {
            groupStart[t + 1] += groupStart[t];
        }
        int[] byGroup = new int[rows];
        int[] fill = groupStart.clone();
        for (int r = 0; r < rows; r++) {
            byGroup[fill[topOf[r]]++] = r;
        }
        int[] subStart = new int[tops + 1];
        for (int t = 0; t < tops; t++) {
            int size = groupStart[t + 1] - groupStart[t];
            int k = size == 0 ? 0 : (int) Math.max(1, Math.min(size, Math.round((double) c * size / rows)));
            subStart[t + 1] = subStart[t] + k;
        }
        float[] sub = new float[subStart[tops] * dim];
        new RowChunks(parallelism, pool, 1).run(tops, 1, (from, to) -> {
            for (int t = from; t < to; t++) {
                int k = subStart[t + 1] - subStart[t];
                if (k == 0) {
                    continue;
                }
                int size = groupStart[t + 1] - groupStart[t];
                SplittableRandom g = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + t + 1);
                float[] s = sample(data, dim, size, byGroup, groupStart[t], Math.min(size, SAMPLE_PER_CENTROID * k), g);
                float[] fitted = KMeans.fit(s, s.length / dim, dim, k, ITERATIONS, g, kernel);
                System.arraycopy(fitted, 0, sub, subStart[t] * dim, k * dim);
            }
            return null;
        });
        ClusterModel model = new ClusterModel(dim, top, tops, subStart, sub);
        int[] clusterOf = new int[rows];
        chunks.run(rows, 1, (from, to) -> {
            float[] row = new float[dim];
            float[] dots = new float[model.maxSubs()];
            for (int r = from; r < to; r++) {
                System.arraycopy(data, r * dim, row, 0, dim);
                int t = topOf[r];
                clusterOf[r] = KMeans.nearest(kernel, sub, model.subHalf, subStart[t], subStart[t + 1], dim, row, dots);
            }
            return null;
        });
        return new Fit(model, clusterOf);
    }

    /**
     * The cluster of one row (for rows added by an incremental refresh): its nearest top centroid, then the
     * nearest sub-centroid of that top centroid's group, as in {@link #fit}.
     *
     * @param row at least {@code dim} floats; only {@code [offset, offset + dim)} is read
     */
    public int nearest(ScoringKernel kernel, float[] row, int offset) {
        float[] q = new float[dim];
        System.arraycopy(row, offset, q, 0, dim);
        float[] dots = new float[Math.max(tops, maxSubs())];
        int t = KMeans.nearest(kernel, top, topHalf, 0, tops, dim, q, dots);
        if (subStart[t + 1] == subStart[t]) {
            // a top centroid that got no rows at fit time has no sub-centroids: search them all
            return KMeans.nearest(kernel, sub, subHalf, 0, clusters(), dim, q, new float[clusters()]);
        }
        return KMeans.nearest(kernel, sub, subHalf, subStart[t], subStart[t + 1], dim, q, dots);
    }

    private int maxSubs() {
        int max = 1;
        for (int t = 0; t < tops; t++) {
            max = Math.max(max, subStart[t + 1] - subStart[t]);
        }
        return max;
    }

    /**
     * {@code count} rows drawn with replacement (duplicates only weigh a row twice) from rows
     * {@code ids[base .. base + size)} (or {@code base .. base + size} when {@code ids} is null), copied out in
     * ascending row order for locality; all of them, in order, when {@code count == size}.
     */
    private static float[] sample(float[] data, int dim, int size, int[] ids, int base, int count, SplittableRandom rnd) {
        int[] picks = new int[count];
        for (int i = 0; i < count; i++) {
            picks[i] = count == size ? i : rnd.nextInt(size);
        }
        java.util.Arrays.sort(picks);
        float[] out = new float[count * dim];
        for (int i = 0; i < count; i++) {
            int r = ids == null ? base + picks[i] : ids[base + picks[i]];
            System.arraycopy(data, r * dim, out, i * dim, dim);
        }
        return out;
    }
}
