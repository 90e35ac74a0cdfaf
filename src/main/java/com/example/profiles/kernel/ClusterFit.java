package com.example.profiles.kernel;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;

/**
 * How a {@link ClusterModel} is fitted to a catalog's rows.
 *
 * <p><b>Two levels.</b> A flat k-means over {@code C = sqrt(N)} centroids would cost {@code N * C * dim}
 * multiply-adds per assignment pass (10M x 64: 2e12). Instead about {@code sqrt(C)} top centroids are fitted on
 * a sample (k-means++, {@value #ITERATIONS} Lloyd iterations, {@value #SAMPLE_PER_CENTROID} sample rows per
 * centroid), every row goes to its nearest top centroid, and inside each top group about
 * {@code C * groupSize / N} sub-centroids are fitted on a sample of that group; a row's cluster is its nearest
 * sub-centroid within its group. One pass costs {@code N * 2 sqrt(C) * dim} (10M x 64 x 113).
 *
 * <p><b>Wide clusters</b> cost every query: a cluster's bound grows with its radius, and a cluster spanning two
 * modes of the data (k-means put one centroid between them) has a radius of half their distance, which no
 * threshold beats. Up to {@value #SPLIT_ROUNDS} times, the clusters whose mean member distance exceeds
 * {@value #SPLIT_FACTOR} times the median one (at most {@code C / }{@value #SPLIT_SHARE_INVERSE} per round, the
 * widest first) are split in two by 2-means over a sample of their members, each member going to the nearer
 * half. ({@link ClusterModel#nearest} would put a few other rows of the group in a new half; the fit leaves
 * them: both assignments are valid, and re-assigning whole groups would cost a pass per round.)
 *
 * <p><b>Outliers.</b> The radius is the farthest member, so one row far from its centroid (a blob cut by a top
 * boundary, its rows in a group without a sub-centroid near them) loosens the whole cluster. Last, rows farther
 * than {@value #OUTLIER_FACTOR} times their cluster's mean distance (at most {@code N / }{@value
 * #OUTLIER_SHARE_INVERSE}, the farthest first) move to their nearest sub-centroid in the groups of their
 * {@value ClusterModel#OUTLIER_GROUPS} nearest top centroids.
 *
 * <p>Deterministic for a seed and kernel: every random choice draws from a generator seeded by the seed and
 * the group or cluster it concerns, so the split across threads does not matter.
 */
final class ClusterFit {

    static final int SAMPLE_PER_CENTROID = 32;
    static final int ITERATIONS = 6;
    static final double SPLIT_FACTOR = 2.0;
    static final int SPLIT_ROUNDS = 5;
    static final int SPLIT_SHARE_INVERSE = 4;
    static final double OUTLIER_FACTOR = 1.5;
    static final int OUTLIER_SHARE_INVERSE = 100;

    private final float[] data;
    private final int rows;
    private final int dim;
    private final long seed;
    private final ScoringKernel kernel;
    private final RowChunks byRows;
    private final RowChunks byGroups;

    private int tops;
    private float[] top;
    private int[] topOf;
    /** Rows of group t are {@code byGroup[groupStart[t] .. groupStart[t + 1])}. */
    private int[] groupStart;
    private int[] byGroup;
    /** Group t's sub-centroids, row-major. */
    private float[][] subs;
    private int[] subStart;
    private float[] sub;
    private float[] subHalf;
    /** Each row's sub-centroid within its group, and its distance from it. */
    private int[] local;
    private float[] distance;

    ClusterFit(float[] data, int rows, int dim, long seed, ScoringKernel kernel, int parallelism, ExecutorService pool) {
        this.data = data;
        this.rows = rows;
        this.dim = dim;
        this.seed = seed;
        this.kernel = kernel;
        this.byRows = new RowChunks(parallelism, pool, RowChunks.MIN_ROWS_PER_TASK);
        this.byGroups = new RowChunks(parallelism, pool, 1);
    }

    /** @param wanted clusters, {@code 1 <= wanted <= rows} */
    ClusterModel.Fit run(int wanted) {
        fitTops(wanted);
        fitSubs(wanted);
        flatten();
        assign();
        for (int round = 0; round < SPLIT_ROUNDS && splitWide(round); round++) {
            flatten();
        }
        ClusterModel model = new ClusterModel(dim, top, tops, subStart, sub);
        int[] clusterOf = new int[rows];
        for (int r = 0; r < rows; r++) {
            clusterOf[r] = subStart[topOf[r]] + local[r];
        }
        float[] limit = meanDistances(clusterOf);
        for (int c = 0; c < limit.length; c++) {
            limit[c] = (float) (OUTLIER_FACTOR * limit[c]);
        }
        model.setOutlierDistances(limit);
        int[] outliers = outliers(clusterOf, limit, Math.max(1, rows / OUTLIER_SHARE_INVERSE));
        byRows.run(outliers.length, 1, (from, to) -> {
            float[] q = new float[dim];
            float[] dots = new float[Math.max(tops, model.maxGroup())];
            for (int i = from; i < to; i++) {
                clusterOf[outliers[i]] = model.nearestOfOutlier(kernel, data, outliers[i] * dim, q, dots);
            }
            return null;
        });
        return new ClusterModel.Fit(model, clusterOf);
    }

    /** The top centroids, every row's top group, and the rows grouped by it (counting sort). */
    private void fitTops(int wanted) {
        tops = Math.max(1, Math.min(wanted, (int) Math.round(Math.sqrt(wanted))));
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] sample = sample(rows, null, 0, Math.min(rows, SAMPLE_PER_CENTROID * tops), rnd);
        top = KMeans.fit(sample, sample.length / dim, dim, tops, ITERATIONS, rnd, kernel);
        float[] half = new float[tops];
        KMeans.halfSquaredNorms(top, tops, dim, half);
        topOf = new int[rows];
        byRows.run(rows, KMeans.BLOCK_ROWS, (from, to) -> {
            float[] query = new float[dim];
            float[] dots = new float[tops * KMeans.BLOCK_ROWS];
            for (int r = from; r < to; r += KMeans.BLOCK_ROWS) {
                KMeans.nearestBlock(kernel, data, dim, r, Math.min(to, r + KMeans.BLOCK_ROWS), top, half, 0, tops,
                        topOf, r, query, dots);
            }
            return null;
        });
        groupStart = new int[tops + 1];
        for (int t : topOf) {
            groupStart[t + 1]++;
        }
        for (int t = 0; t < tops; t++) {
            groupStart[t + 1] += groupStart[t];
        }
        byGroup = new int[rows];
        int[] fill = groupStart.clone();
        for (int r = 0; r < rows; r++) {
            byGroup[fill[topOf[r]]++] = r;
        }
    }

    /** About {@code wanted * groupSize / rows} sub-centroids per group, each group fitted on its own sample. */
    private void fitSubs(int wanted) {
        subs = new float[tops][];
        byGroups.run(tops, 1, (from, to) -> {
            for (int t = from; t < to; t++) {
                int size = groupStart[t + 1] - groupStart[t];
                int k = size == 0 ? 0 : (int) Math.max(1, Math.min(size, Math.round((double) wanted * size / rows)));
                if (k == 0) {
                    subs[t] = new float[0];
                    continue;
                }
                SplittableRandom g = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + t + 1);
                float[] s = sample(size, byGroup, groupStart[t], Math.min(size, SAMPLE_PER_CENTROID * k), g);
                subs[t] = KMeans.fit(s, s.length / dim, dim, k, ITERATIONS, g, kernel);
            }
            return null;
        });
    }

    /** The groups' sub-centroids as one row-major array, cluster numbers {@code subStart[t] + j}. */
    private void flatten() {
        subStart = new int[tops + 1];
        for (int t = 0; t < tops; t++) {
            subStart[t + 1] = subStart[t] + subs[t].length / dim;
        }
        sub = new float[subStart[tops] * dim];
        for (int t = 0; t < tops; t++) {
            System.arraycopy(subs[t], 0, sub, subStart[t] * dim, subs[t].length);
        }
        subHalf = new float[subStart[tops]];
        KMeans.halfSquaredNorms(sub, subStart[tops], dim, subHalf);
        if (local == null) {
            local = new int[rows];
            distance = new float[rows];
        }
    }

    /** Every row to its nearest sub-centroid of its group, a block of the group's rows at a time. */
    private void assign() {
        int maxGroup = 1;
        for (int t = 0; t < tops; t++) {
            maxGroup = Math.max(maxGroup, subStart[t + 1] - subStart[t]);
        }
        int dotsLength = maxGroup * KMeans.BLOCK_ROWS;
        byGroups.run(tops, 1, (from, to) -> {
            float[] block = new float[KMeans.BLOCK_ROWS * dim];
            float[] query = new float[dim];
            float[] dots = new float[dotsLength];
            int[] nearest = new int[KMeans.BLOCK_ROWS];
            for (int t = from; t < to; t++) {
                int s = subStart[t];
                for (int i = groupStart[t]; i < groupStart[t + 1]; i += KMeans.BLOCK_ROWS) {
                    int n = Math.min(KMeans.BLOCK_ROWS, groupStart[t + 1] - i);
                    for (int j = 0; j < n; j++) {
                        System.arraycopy(data, byGroup[i + j] * dim, block, j * dim, dim);
                    }
                    KMeans.nearestBlock(kernel, block, dim, 0, n, sub, subHalf, s, subStart[t + 1], nearest, 0, query, dots);
                    for (int j = 0; j < n; j++) {
                        int r = byGroup[i + j];
                        local[r] = nearest[j] - s;
                        distance[r] = (float) Math.sqrt(KMeans.squaredDistance(block, j * dim, sub, nearest[j] * dim, dim));
                    }
                }
            }
            return null;
        });
    }

    /**
     * Splits the widest clusters by 2-means over their members, each member going to the nearer half (the other
     * rows of the group keep their cluster: re-assigning whole groups would cost a pass per round). False when
     * no cluster is wide.
     */
    private boolean splitWide(int round) {
        int clusters = subStart[tops];
        int[] clusterOf = new int[rows];
        for (int r = 0; r < rows; r++) {
            clusterOf[r] = subStart[topOf[r]] + local[r];
        }
        float[] mean = meanDistances(clusterOf);
        float[] sorted = mean.clone();
        Arrays.sort(sorted);
        int empty = 0;
        while (empty < sorted.length && sorted[sorted.length - 1 - empty] == Float.POSITIVE_INFINITY) {
            empty++;
        }
        if (sorted.length - empty < 2) {
            return false;
        }
        double wide = SPLIT_FACTOR * sorted[(sorted.length - empty) / 2];
        long[] keyed = new long[clusters];
        int n = 0;
        for (int c = 0; c < clusters; c++) {
            if (mean[c] != Float.POSITIVE_INFINITY && mean[c] > wide) {
                keyed[n++] = ((long) Float.floatToIntBits(mean[c]) << 32) | c; // non-negative floats sort as bits
            }
        }
        if (n == 0) {
            return false;
        }
        Arrays.sort(keyed, 0, n);
        int take = Math.min(n, Math.max(1, clusters / SPLIT_SHARE_INVERSE));
        // members of every cluster (counting sort), to sample the chosen ones
        int[] start = new int[clusters + 1];
        for (int c : clusterOf) {
            start[c + 1]++;
        }
        for (int c = 0; c < clusters; c++) {
            start[c + 1] += start[c];
        }
        int[] members = new int[rows];
        int[] fill = start.clone();
        for (int r = 0; r < rows; r++) {
            members[fill[clusterOf[r]]++] = r;
        }
        float[][] grown = subs.clone();
        for (int i = 0; i < take; i++) {
            int c = (int) keyed[n - 1 - i];
            int size = start[c + 1] - start[c];
            if (size < 2) {
                continue;
            }
            int t = topOf[members[start[c]]];
            SplittableRandom g = new SplittableRandom((seed + 31L * (round + 1)) * 0x9E3779B97F4A7C15L + c);
            float[] s = sample(size, members, start[c], Math.min(size, 4 * SAMPLE_PER_CENTROID), g);
            float[] two = KMeans.fit(s, s.length / dim, dim, 2, ITERATIONS, g, kernel);
            int j = c - subStart[t];
            int added = grown[t].length / dim;
            float[] group = Arrays.copyOf(grown[t], grown[t].length + dim);
            System.arraycopy(two, 0, group, j * dim, dim);
            System.arraycopy(two, dim, group, added * dim, dim);
            grown[t] = group;
            for (int m = start[c]; m < start[c + 1]; m++) {
                int r = members[m];
                double toFirst = KMeans.squaredDistance(data, r * dim, two, 0, dim);
                double toSecond = KMeans.squaredDistance(data, r * dim, two, dim, dim);
                local[r] = toSecond < toFirst ? added : j;
                distance[r] = (float) Math.sqrt(Math.min(toFirst, toSecond));
            }
        }
        subs = grown;
        return true;
    }

    /** Each cluster's mean member distance (+infinity when empty). */
    private float[] meanDistances(int[] clusterOf) {
        int clusters = subStart[tops];
        int[] members = new int[clusters];
        double[] sums = new double[clusters];
        for (int r = 0; r < rows; r++) {
            members[clusterOf[r]]++;
            sums[clusterOf[r]] += distance[r];
        }
        float[] mean = new float[clusters];
        for (int c = 0; c < clusters; c++) {
            mean[c] = members[c] == 0 ? Float.POSITIVE_INFINITY : (float) (sums[c] / members[c]);
        }
        return mean;
    }

    /** The rows farther than their cluster's limit, at most {@code cap} of them, the farthest (relative) first. */
    private int[] outliers(int[] clusterOf, float[] limit, int cap) {
        int n = 0;
        for (int r = 0; r < rows; r++) {
            if (distance[r] > limit[clusterOf[r]]) {
                n++;
            }
        }
        long[] keyed = new long[n];
        n = 0;
        for (int r = 0; r < rows; r++) {
            float ratio = distance[r] / limit[clusterOf[r]];
            if (ratio > 1) {
                keyed[n++] = ((long) Float.floatToIntBits(ratio) << 32) | r;
            }
        }
        Arrays.sort(keyed);
        int take = Math.min(cap, n);
        int[] out = new int[take];
        for (int i = 0; i < take; i++) {
            out[i] = (int) keyed[n - 1 - i];
        }
        return out;
    }

    /**
     * {@code count} rows drawn with replacement (duplicates only weigh a row twice) from rows
     * {@code ids[base .. base + size)} (or {@code base .. base + size} when {@code ids} is null), copied out in
     * ascending order for locality; all of them, in order, when {@code count == size}.
     */
    private float[] sample(int size, int[] ids, int base, int count, SplittableRandom rnd) {
        int[] picks = new int[count];
        for (int i = 0; i < count; i++) {
            picks[i] = count == size ? i : rnd.nextInt(size);
        }
        Arrays.sort(picks);
        float[] out = new float[count * dim];
        for (int i = 0; i < count; i++) {
            int r = ids == null ? base + picks[i] : ids[base + picks[i]];
            System.arraycopy(data, r * dim, out, i * dim, dim);
        }
        return out;
    }
}
