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
 * sub-centroid within its group. One pass then costs {@code N * 2 sqrt(C) * dim} (10M x 64 x 113).
 *
 * <p><b>Outliers.</b> A cluster's bound uses its radius, the largest member distance, so one row assigned far
 * from its centroid (a blob cut by a top-level boundary, whose rows land in a group without a sub-centroid
 * near them) loosens the bound of the whole cluster. A row farther than {@value #OUTLIER_FACTOR} times its
 * cluster's mean distance is therefore moved to its nearest centroid among all of them (at most
 * {@code N / }{@value #OUTLIER_SHARE_INVERSE} rows, the farthest first, {@code C * dim} each). Any assignment
 * stays valid: bounds are computed from the rows actually in a cluster.
 *
 * <p>Distances come from the {@link ScoringKernel}'s dot (a block of rows per call, {@link KMeans#nearestBlock}).
 * Deterministic for a seed and kernel (each group draws from its own seeded generator, so the split across
 * threads does not matter). Cluster numbers are stable: an incremental refresh assigns new rows with
 * {@link #nearest} and keeps the other rows' clusters, and {@link ClusterLayout} keeps empty clusters, so
 * cluster {@code c} of the model is cluster {@code c} of every layout built from it.
 */
public final class ClusterModel {

    /** Sample rows per centroid for the fit (the assignment pass then sees every row). */
    static final int SAMPLE_PER_CENTROID = 32;
    /** Lloyd iterations per level after k-means++ seeding. */
    static final int ITERATIONS = 6;
    /** A row farther than this many times its cluster's mean distance is reassigned among all centroids. */
    static final double OUTLIER_FACTOR = 1.5;
    /** At most rows / this many rows are reassigned by the (costlier) search over all centroids. */
    static final int OUTLIER_SHARE_INVERSE = 100;

    private final int dim;
    private final int tops;
    private final float[] top;
    private final float[] topHalf;
    /** Sub-centroids of top centroid t are clusters {@code [subStart[t], subStart[t + 1])}. */
    private final int[] subStart;
    /** Every cluster's centroid, row-major, and half its squared norm. */
    private final float[] sub;
    private final float[] subHalf;
    /** Per cluster: {@link #OUTLIER_FACTOR} times the mean distance of its rows at fit time. */
    private final float[] outlierDistance;

    /** A fitted model and the cluster of every row it was fitted on. */
    public record Fit(ClusterModel model, int[] clusterOfRow) {
    }

    private ClusterModel(int dim, float[] top, int tops, int[] subStart, float[] sub) {
        this.dim = dim;
        this.tops = tops;
        this.top = top;
        this.topHalf = new float[tops];
        KMeans.halfSquaredNorms(top, tops, dim, topHalf);
        this.subStart = subStart;
        this.sub = sub;
        this.subHalf = new float[subStart[tops]];
        KMeans.halfSquaredNorms(sub, subStart[tops], dim, subHalf);
        this.outlierDistance = new float[subStart[tops]];
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
        RowChunks groups = new RowChunks(parallelism, pool, 1);
        int wanted = Math.min(clusters, rows);
        int tops = Math.max(1, Math.min(wanted, (int) Math.round(Math.sqrt(wanted))));
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] sample = sample(data, dim, rows, null, 0, Math.min(rows, SAMPLE_PER_CENTROID * tops), rnd);
        float[] top = KMeans.fit(sample, sample.length / dim, dim, tops, ITERATIONS, rnd, kernel);
        float[] topHalf = new float[tops];
        KMeans.halfSquaredNorms(top, tops, dim, topHalf);
        int[] topOf = new int[rows];
        chunks.run(rows, KMeans.BLOCK_ROWS, (from, to) -> {
            float[] query = new float[dim];
            float[] dots = new float[tops * KMeans.BLOCK_ROWS];
            for (int r = from; r < to; r += KMeans.BLOCK_ROWS) {
                KMeans.nearestBlock(kernel, data, dim, r, Math.min(to, r + KMeans.BLOCK_ROWS), top, topHalf, 0, tops,
                        topOf, r, query, dots);
            }
            return null;
        });
        // rows grouped by top centroid (counting sort), to sample each group and to assign it block by block
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
            int k = size == 0 ? 0 : (int) Math.max(1, Math.min(size, Math.round((double) wanted * size / rows)));
            subStart[t + 1] = subStart[t] + k;
        }
        float[] sub = new float[subStart[tops] * dim];
        groups.run(tops, 1, (from, to) -> {
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
        float[] distance = new float[rows];
        groups.run(tops, 1, (from, to) -> {
            float[] block = new float[KMeans.BLOCK_ROWS * dim];
            float[] query = new float[dim];
            float[] dots = new float[model.maxGroup() * KMeans.BLOCK_ROWS];
            int[] nearest = new int[KMeans.BLOCK_ROWS];
            for (int t = from; t < to; t++) {
                for (int i = groupStart[t]; i < groupStart[t + 1]; i += KMeans.BLOCK_ROWS) {
                    int n = Math.min(KMeans.BLOCK_ROWS, groupStart[t + 1] - i);
                    for (int j = 0; j < n; j++) {
                        System.arraycopy(data, byGroup[i + j] * dim, block, j * dim, dim);
                    }
                    KMeans.nearestBlock(kernel, block, dim, 0, n, sub, model.subHalf, subStart[t], subStart[t + 1],
                            nearest, 0, query, dots);
                    for (int j = 0; j < n; j++) {
                        int r = byGroup[i + j];
                        clusterOf[r] = nearest[j];
                        distance[r] = model.distance(data, r * dim, nearest[j]);
                    }
                }
            }
            return null;
        });
        model.setOutlierDistances(clusterOf, distance);
        int[] outliers = outliers(clusterOf, distance, model.outlierDistance, Math.max(1, rows / OUTLIER_SHARE_INVERSE));
        chunks.run(outliers.length, 1, (from, to) -> {
            float[] row = new float[dim];
            float[] dots = new float[model.clusters()];
            for (int i = from; i < to; i++) {
                int r = outliers[i];
                System.arraycopy(data, r * dim, row, 0, dim);
                clusterOf[r] = KMeans.nearest(kernel, sub, model.subHalf, 0, model.clusters(), dim, row, dots);
            }
            return null;
        });
        return new Fit(model, clusterOf);
    }

    /**
     * The cluster of one row (for rows added by an incremental refresh), by the rule of {@link #fit}: the nearest
     * sub-centroid of the nearest top centroid's group, or the nearest of all when that one is farther than its
     * cluster's outlier distance.
     *
     * @param row at least {@code dim} floats; only {@code [offset, offset + dim)} is read
     */
    public int nearest(ScoringKernel kernel, float[] row, int offset) {
        float[] q = new float[dim];
        System.arraycopy(row, offset, q, 0, dim);
        float[] dots = new float[Math.max(clusters(), tops)];
        int t = KMeans.nearest(kernel, top, topHalf, 0, tops, dim, q, dots);
        if (subStart[t + 1] > subStart[t]) {
            int c = KMeans.nearest(kernel, sub, subHalf, subStart[t], subStart[t + 1], dim, q, dots);
            if (!(distance(q, 0, c) > outlierDistance[c])) {
                return c;
            }
        }
        // an outlier of its group, or a top centroid that got no rows at fit time: search every centroid
        return KMeans.nearest(kernel, sub, subHalf, 0, clusters(), dim, q, dots);
    }

    /** The most sub-centroids of one group. */
    private int maxGroup() {
        int max = 1;
        for (int t = 0; t < tops; t++) {
            max = Math.max(max, subStart[t + 1] - subStart[t]);
        }
        return max;
    }

    private float distance(float[] x, int xo, int c) {
        return (float) Math.sqrt(KMeans.squaredDistance(x, xo, sub, c * dim, dim));
    }

    /** {@link #OUTLIER_FACTOR} times each cluster's mean member distance (+infinity for an empty cluster). */
    private void setOutlierDistances(int[] clusterOf, float[] distance) {
        int[] members = new int[clusters()];
        double[] sums = new double[clusters()];
        for (int r = 0; r < clusterOf.length; r++) {
            members[clusterOf[r]]++;
            sums[clusterOf[r]] += distance[r];
        }
        for (int c = 0; c < members.length; c++) {
            outlierDistance[c] = members[c] == 0 ? Float.POSITIVE_INFINITY : (float) (OUTLIER_FACTOR * sums[c] / members[c]);
        }
    }

    /** The rows beyond their cluster's outlier distance, at most {@code cap} of them, the farthest (relative) first. */
    private static int[] outliers(int[] clusterOf, float[] distance, float[] limit, int cap) {
        int n = 0;
        for (int r = 0; r < clusterOf.length; r++) {
            if (distance[r] > limit[clusterOf[r]]) {
                n++;
            }
        }
        long[] keyed = new long[n];
        n = 0;
        for (int r = 0; r < clusterOf.length; r++) {
            float ratio = distance[r] / limit[clusterOf[r]];
            if (ratio > 1) {
                keyed[n++] = ((long) Float.floatToIntBits(ratio) << 32) | r; // positive floats sort as their bits
            }
        }
        java.util.Arrays.sort(keyed);
        int take = Math.min(cap, n);
        int[] rows = new int[take];
        for (int i = 0; i < take; i++) {
            rows[i] = (int) keyed[n - 1 - i];
        }
        return rows;
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
