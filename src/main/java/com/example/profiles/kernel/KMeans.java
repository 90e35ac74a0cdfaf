package com.example.profiles.kernel;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * k-means on a small in-memory sample (k-means++ seeding, then a few Lloyd iterations) and nearest-centroid
 * search. Only the partition's quality depends on it, never an answer: a cluster's bound is computed from the
 * rows actually assigned ({@link ClusterIndex}), so any assignment is correct and a better one only prunes more.
 *
 * <p>Nearest means the largest {@code x . c - |c|^2 / 2}, the first centroid on a tie, with the dot from the
 * {@link ScoringKernel}. Bulk assignment ({@link #nearestBlock}) scores a block of rows against one centroid per
 * kernel call; the per-row search ({@link #nearest}) scores one row against a range of centroids. Both give the
 * same choice: the kernel's dot of a row and a centroid does not depend on batching nor on which of the two is
 * the query (products commute, the summation order is the same).
 */
final class KMeans {

    /** Rows per block of {@link #nearestBlock}. */
    static final int BLOCK_ROWS = 256;

    private KMeans() {
    }

    /**
     * @param x {@code n} rows of width {@code dim}, row-major
     * @param k centroids wanted, {@code 1 <= k <= n}
     * @return {@code k x dim} centroids, row-major
     */
    static float[] fit(float[] x, int n, int dim, int k, int iterations, SplittableRandom rnd, ScoringKernel kernel) {
        float[] c = seed(x, n, dim, k, rnd);
        float[] half = new float[k];
        float[] query = new float[dim];
        float[] dots = new float[k * BLOCK_ROWS];
        int[] of = new int[n];
        int[] was = new int[n];
        double[] sums = new double[k * dim];
        int[] counts = new int[k];
        for (int it = 0; it < iterations; it++) {
            halfSquaredNorms(c, k, dim, half);
            System.arraycopy(of, 0, was, 0, n);
            for (int i = 0; i < n; i += BLOCK_ROWS) {
                nearestBlock(kernel, x, dim, i, Math.min(n, i + BLOCK_ROWS), c, half, 0, k, of, i, query, dots);
            }
            if (it > 0 && Arrays.equals(of, was)) {
                break;
            }
            Arrays.fill(sums, 0);
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                int j = of[i];
                counts[j]++;
                for (int d = 0; d < dim; d++) {
                    sums[j * dim + d] += x[i * dim + d];
                }
            }
            for (int j = 0; j < k; j++) {
                if (counts[j] > 0) { // an emptied centroid keeps its place
                    for (int d = 0; d < dim; d++) {
                        c[j * dim + d] = (float) (sums[j * dim + d] / counts[j]);
                    }
                }
            }
        }
        return c;
    }

    /** k-means++: each next centroid is a sample row drawn with probability proportional to its squared distance. */
    private static float[] seed(float[] x, int n, int dim, int k, SplittableRandom rnd) {
        float[] c = new float[k * dim];
        double[] d2 = new double[n];
        int first = rnd.nextInt(n);
        System.arraycopy(x, first * dim, c, 0, dim);
        double total = 0;
        for (int i = 0; i < n; i++) {
            d2[i] = squaredDistance(x, i * dim, c, 0, dim);
            total += d2[i];
        }
        for (int j = 1; j < k; j++) {
            int pick;
            if (total > 0) {
                double target = rnd.nextDouble() * total;
                pick = n - 1;
                for (int i = 0; i < n; i++) {
                    target -= d2[i];
                    if (target < 0) {
                        pick = i;
                        break;
                    }
                }
            } else {
                pick = rnd.nextInt(n); // every row sits on a centroid already
            }
            System.arraycopy(x, pick * dim, c, j * dim, dim);
            total = 0;
            for (int i = 0; i < n; i++) {
                d2[i] = Math.min(d2[i], squaredDistance(x, i * dim, c, j * dim, dim));
                total += d2[i];
            }
        }
        return c;
    }

    static double squaredDistance(float[] a, int ao, float[] b, int bo, int dim) {
        double s = 0;
        for (int d = 0; d < dim; d++) {
            double e = (double) a[ao + d] - b[bo + d];
            s += e * e;
        }
        return s;
    }

    /** {@code out[j] = |c_j|^2 / 2} for the {@code k} row-major centroids of {@code c}. */
    static void halfSquaredNorms(float[] c, int k, int dim, float[] out) {
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (int d = 0; d < dim; d++) {
                s += (double) c[j * dim + d] * c[j * dim + d];
            }
            out[j] = (float) (s / 2);
        }
    }

    /**
     * For each row {@code r} of {@code [from, to)} of the row-major {@code m} ({@code to - from <= BLOCK_ROWS}),
     * the nearest of the row-major centroids {@code [c0, c1)}, into {@code out[outOffset + r - from]}.
     * {@code query} holds {@code dim} floats, {@code dots} {@code (c1 - c0) * BLOCK_ROWS}.
     */
    static void nearestBlock(ScoringKernel kernel, float[] m, int dim, int from, int to, float[] centroids,
                             float[] half, int c0, int c1, int[] out, int outOffset, float[] query, float[] dots) {
        int n = to - from;
        for (int c = c0; c < c1; c++) {
            System.arraycopy(centroids, c * dim, query, 0, dim);
            kernel.dotRows(m, dim, query, from, to, dots, (c - c0) * n);
        }
        for (int i = 0; i < n; i++) {
            int best = c0;
            float bestValue = Float.NEGATIVE_INFINITY;
            for (int c = c0; c < c1; c++) {
                float v = dots[(c - c0) * n + i] - half[c];
                if (v > bestValue) {
                    bestValue = v;
                    best = c;
                }
            }
            out[outOffset + i] = best;
        }
    }

    /**
     * The nearest of the row-major centroids {@code [from, to)} to {@code row} (at offset 0), one kernel call for
     * all of them. {@code dots} holds at least {@code to - from} floats.
     */
    static int nearest(ScoringKernel kernel, float[] centroids, float[] half, int from, int to, int dim, float[] row,
                       float[] dots) {
        kernel.dotRows(centroids, dim, row, from, to, dots, 0);
        int best = from;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int c = from; c < to; c++) {
            float v = dots[c - from] - half[c];
            if (v > bestValue) {
                bestValue = v;
                best = c;
            }
        }
        return best;
    }
}
