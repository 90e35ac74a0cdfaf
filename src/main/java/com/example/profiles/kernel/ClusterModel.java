package com.example.profiles.kernel;

import java.util.concurrent.ExecutorService;

/**
 * Centroids that partition a catalog's rows into clusters for {@link PrunedSearch}, fitted off the request path
 * ({@link #fit}, see {@link ClusterFit} for how), and the rule that assigns a row to a cluster ({@link #nearest}).
 *
 * <p>Two levels: about {@code sqrt(C)} top centroids, each with its group of sub-centroids; the clusters are the
 * sub-centroids. A row belongs to the nearest sub-centroid of its nearest top centroid's group, unless it is
 * farther from it than that cluster's outlier distance; then to the nearest of all. Any assignment is valid
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
     * top centroid's group, or the nearest of all when that one is farther than its cluster's outlier distance.
     * The fit assigns its rows by the same rule, except that when it splits a wide cluster only that cluster's
     * members move to the new half.
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

    float distance(float[] x, int xo, int c) {
        return (float) Math.sqrt(KMeans.squaredDistance(x, xo, sub, c * dim, dim));
    }

    /** Rows farther than {@code limit[c]} from centroid c count as outliers of cluster c ({@link #nearest}). */
    void setOutlierDistances(float[] limit) {
        System.arraycopy(limit, 0, outlierDistance, 0, outlierDistance.length);
    }

    /** The nearest of all centroids to the row at {@code x[xo ..]}; {@code row} and {@code dots} are scratch. */
    int nearestOfAll(ScoringKernel kernel, float[] x, int xo, float[] row, float[] dots) {
        System.arraycopy(x, xo, row, 0, dim);
        return KMeans.nearest(kernel, sub, subHalf, 0, clusters(), dim, row, dots);
    }
}
