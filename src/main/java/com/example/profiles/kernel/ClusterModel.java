package com.example.profiles.kernel;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;

/**
 * Centroids that partition a catalog's rows into clusters for {@link PrunedSearch}, fitted off the request path
 * ({@link #fit}, see {@link ClusterFit} for how), and the rule that assigns a row to a cluster ({@link #nearest}).
 *
 * <p>Two levels: about {@code sqrt(C)} top centroids, each with its group of sub-centroids; the clusters are the
 * sub-centroids. A row belongs to the nearest sub-centroid of its nearest top centroid's group, unless it is
 * farther from it than that cluster's outlier distance; then to the nearest sub-centroid of the few nearest
 * top centroids' groups. Any assignment is valid
 * for the searches: bounds are computed from the rows actually in a cluster ({@link ClusterIndex}); a better
 * one only prunes more.
 *
 * <p>Cluster numbers are stable: an incremental refresh assigns new rows with {@link #nearest} and keeps the
 * other rows' clusters, and {@link ClusterLayout} keeps empty clusters, so cluster {@code c} of the model is
 * cluster {@code c} of every layout built from it.
 */
public final class ClusterModel {

    private final int dim;
    private final int tops;
    private final float[] top;
    private final float[] topHalf;
    /** Sub-centroids of top centroid t are clusters {@code [subStart[t], subStart[t + 1])}. */
    private final int[] subStart;
    /** Every cluster's centroid, row-major, and half its squared norm. */
    private final float[] sub;
    private final float[] subHalf;
    /** Per cluster: {@link ClusterFit#OUTLIER_FACTOR} times the mean distance of its rows at fit time. */
    private final float[] outlierDistance;

    /** A fitted model and the cluster of every row it was fitted on. */
    public record Fit(ClusterModel model, int[] clusterOfRow) {
    }

    ClusterModel(int dim, float[] top, int tops, int[] subStart, float[] sub) {
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
     * Fits about {@code clusters} centroids to the rows and assigns every row ({@link ClusterFit}).
     *
     * @param data     {@code rows x dim}, row-major (not modified)
     * @param clusters wanted clusters, at least 1 (fewer come back when there are fewer rows, a few more when
     *                 wide clusters are split)
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
        return new ClusterFit(data, rows, dim, seed, kernel, parallelism, pool).run(Math.min(clusters, rows));
    }

    /**
     * The cluster of one row (for rows added by an incremental refresh): the nearest sub-centroid of the nearest
     * top centroid's group, or, when that one is farther than its cluster's outlier distance, the nearest
     * sub-centroid of the {@value #OUTLIER_GROUPS} nearest top centroids' groups. The fit assigns its rows by the
     * same rule, except that when it splits a wide cluster only that cluster's members move to the new half.
     *
     * @param row at least {@code dim} floats; only {@code [offset, offset + dim)} is read
     */
    public int nearest(ScoringKernel kernel, float[] row, int offset) {
        float[] q = new float[dim];
        float[] dots = new float[Math.max(maxGroup(), tops)];
        System.arraycopy(row, offset, q, 0, dim);
        int t = KMeans.nearest(kernel, top, topHalf, 0, tops, dim, q, dots);
        if (subStart[t + 1] > subStart[t]) {
            int c = KMeans.nearest(kernel, sub, subHalf, subStart[t], subStart[t + 1], dim, q, dots);
            if (!(distance(q, 0, c) > outlierDistance[c])) {
                return c;
            }
        }
        return nearestOfOutlier(kernel, row, offset, q, dots);
    }

    /** Groups an outlier's cluster is searched in: the nearest top centroids' (a search of all would cost C). */
    static final int OUTLIER_GROUPS = 4;

    /**
     * The nearest sub-centroid among the groups of the {@link #OUTLIER_GROUPS} top centroids nearest to the row at
     * {@code x[xo ..]}; {@code q} ({@code dim}) and {@code dots} (the larger of the top count and the largest
     * group) are scratch.
     */
    int nearestOfOutlier(ScoringKernel kernel, float[] x, int xo, float[] q, float[] dots) {
        System.arraycopy(x, xo, q, 0, dim);
        kernel.dotRows(top, dim, q, 0, tops, dots, 0);
        int[] groups = new int[Math.min(OUTLIER_GROUPS, tops)];
        float[] values = new float[groups.length];
        Arrays.fill(values, Float.NEGATIVE_INFINITY);
        for (int t = 0; t < tops; t++) { // the best few, kept sorted (first on a tie)
            float v = dots[t] - topHalf[t];
            int i = groups.length;
            while (i > 0 && v > values[i - 1]) {
                i--;
            }
            if (i < groups.length) {
                System.arraycopy(groups, i, groups, i + 1, groups.length - 1 - i);
                System.arraycopy(values, i, values, i + 1, values.length - 1 - i);
                groups[i] = t;
                values[i] = v;
            }
        }
        int best = -1;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int t : groups) {
            int from = subStart[t];
            int to = subStart[t + 1];
            if (from == to) {
                continue;
            }
            kernel.dotRows(sub, dim, q, from, to, dots, 0);
            for (int c = from; c < to; c++) {
                float v = dots[c - from] - subHalf[c];
                if (v > bestValue || best < 0) {
                    bestValue = v;
                    best = c;
                }
            }
        }
        return best >= 0 ? best : KMeans.nearest(kernel, sub, subHalf, 0, clusters(), dim, q, new float[clusters()]);
    }

    /** The most sub-centroids of one group. */
    int maxGroup() {
        int max = 1;
        for (int t = 0; t < tops; t++) {
            max = Math.max(max, subStart[t + 1] - subStart[t]);
        }
        return max;
    }

    float distance(float[] x, int xo, int c) {
        return (float) Math.sqrt(KMeans.squaredDistance(x, xo, sub, c * dim, dim));
    }

    /** Rows farther than {@code limit[c]} from centroid c count as outliers of cluster c ({@link #nearest}). */
    void setOutlierDistances(float[] limit) {
        System.arraycopy(limit, 0, outlierDistance, 0, outlierDistance.length);
    }

}
