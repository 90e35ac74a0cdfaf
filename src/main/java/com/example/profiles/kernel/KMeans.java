package com.example.profiles.kernel;

import java.util.SplittableRandom;

/**
 * k-means on a small in-memory sample: k-means++ seeding, then a few Lloyd iterations. Only the partition's
 * quality depends on it, never an answer: a row's cluster bound is computed from the rows actually assigned
 * ({@link ClusterIndex}), so any assignment is correct and a better one only prunes more.
 */
final class KMeans {

    private KMeans() {
    }

    /**
     * @param x          {@code n} rows of width {@code dim}, row-major
     * @param k          centroids wanted, {@code 1 <= k <= n}
     * @return {@code k x dim} centroids, row-major
     */
    static float[] fit(float[] x, int n, int dim, int k, int iterations, SplittableRandom rnd, ScoringKernel kernel) {
        float[] c = seed(x, n, dim, k, rnd);
        float[] half = new float[k];
        int[] of = new int[n];
        float[] row = new float[dim];
        float[] dots = new float[k];
        double[] sums = new double[k * dim];
        int[] counts = new int[k];
        for (int it = 0; it < iterations; it++) {
            halfSquaredNorms(c, k, dim, half);
            boolean moved = false;
            for (int i = 0; i < n; i++) {
                System.arraycopy(x, i * dim, row, 0, dim);
                int j = nearest(kernel, c, half, 0, k, dim, row, dots);
                moved |= it == 0 || of[i] != j;
                of[i] = j;
            }
            if (!moved) {
                break;
            }
            java.util.Arrays.fill(sums, 0);
            java.util.Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                int j = of[i];
                counts[j]++;
                for (int t = 0; t < dim; t++) {
                    sums[j * dim + t] += x[i * dim + t];
                }
            }
            for (int j = 0; j < k; j++) {
                if (counts[j] > 0) { // an emptied centroid keeps its place
                    for (int t = 0; t < dim; t++) {
                        c[j * dim + t] = (float) (sums[j * dim + t] / counts[j]);
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
        for (int t = 0; t < dim; t++) {
            double d = (double) a[ao + t] - b[bo + t];
            s += d * d;
        }
        return s;
    }

    static void halfSquaredNorms(float[] c, int k, int dim, float[] out) {
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (int t = 0; t < dim; t++) {
                s += (double) c[j * dim + t] * c[j * dim + t];
            }
            out[j] = (float) (s / 2);
        }
    }

    /**
     * The centroid among {@code [from, to)} nearest to {@code row} (at offset 0): the largest
     * {@code row . c - |c|^2 / 2}, one kernel call for all of them. {@code dots} holds at least {@code to - from}.
     */
    static int nearest(ScoringKernel kernel, float[] centroids, float[] half, int from, int to, int dim, float[] row,
                       float[] dots) {
        kernel.dotRows(centroids, dim, row, from, to, dots, 0);
        int best = from;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int j = from; j < to; j++) {
            float v = dots[j - from] - half[j];
            if (v > bestValue) {
                bestValue = v;
                best = j;
            }
        }
        return best;
    }
}
