package com.example.profiles.kernel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.function.IntPredicate;

/** Seeded data generators and reference implementations shared by the kernel tests (and the scoring engine's). */
public final class TestData {

    private TestData() {
    }

    static ScoringKernel vector() {
        KernelChoice c = Kernels.select("vector");
        if (!c.kernel().name().startsWith("vector")) {
            throw new AssertionError("Vector API kernel not available in tests: " + c.reason());
        }
        return c.kernel();
    }

    /** A float32 search over the given kernel and pool. */
    public static ExactSearch exact(ScoringKernel kernel, int parallelism, ExecutorService pool) {
        return new ExactSearch(kernel, parallelism, pool);
    }

    /** Same, with chunks as small as {@code minRowsPerTask} so that small test catalogs are split too. */
    static ExactSearch exact(ScoringKernel kernel, int parallelism, ExecutorService pool, int minRowsPerTask) {
        return new ExactSearch(kernel, new RowChunks(parallelism, pool, minRowsPerTask));
    }

    /** An int8 two-phase search over the given kernel and pool. */
    public static Int8Search int8(ScoringKernel kernel, int parallelism, ExecutorService pool) {
        return new Int8Search(kernel, parallelism, pool);
    }

    static Int8Search int8(ScoringKernel kernel, int parallelism, ExecutorService pool, int minRowsPerTask) {
        return new Int8Search(kernel, new RowChunks(parallelism, pool, minRowsPerTask));
    }

    /** A random mask letting each of {@code rows} rows through with probability {@code density}. */
    static RowMask randomMask(SplittableRandom rnd, int rows, double density) {
        long[] words = new long[(rows + 63) >>> 6];
        int count = 0;
        for (int r = 0; r < rows; r++) {
            if (rnd.nextDouble() < density) {
                words[r >>> 6] |= 1L << r;
                count++;
            }
        }
        return new RowMask(words, count);
    }

    /** Mask densities from nothing to everything, across both sides of the gather crossovers. */
    static final double[] DENSITIES = {0, 0.0005, 0.01, 0.04, 0.1, 0.3, 0.7, 1};

    public static float[] gaussian(SplittableRandom rnd, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (gauss(rnd) * scale);
        }
        return a;
    }

    static double gauss(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /** Reference top-k: scores every row with the kernel, full sort, filter, take k. */
    static SearchResult fullSort(CatalogMatrix m, float[] q, Metric metric, int k, IntPredicate excluded, ScoringKernel kernel) {
        float qn = CatalogMatrix.l2Norm(q);
        List<float[]> all = new ArrayList<>();
        for (int r = 0; r < m.rows(); r++) {
            if (excluded != null && excluded.test(r)) {
                continue;
            }
            all.add(new float[] {Scores.score(kernel, m, r, q, qn, metric), r});
        }
        all.sort(Comparator.<float[]>comparingDouble(e -> -e[0]).thenComparingDouble(e -> e[1]));
        int n = Math.min(k, all.size());
        int[] rows = new int[n];
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            rows[i] = (int) all.get(i)[1];
            scores[i] = all.get(i)[0];
        }
        return new SearchResult(rows, scores);
    }

    /** Real-arithmetic (double) reference score and its proven float32 rounding tolerance. */
    static double[] reference(CatalogMatrix m, int r, float[] q, Metric metric) {
        int dim = m.dim();
        double dot = 0;
        double abs = 0;
        for (int i = 0; i < dim; i++) {
            double p = (double) m.data()[r * dim + i] * q[i];
            dot += p;
            abs += Math.abs(p);
        }
        // tolerance of the kernel's float32 dot: gamma_n * sum|a_i b_i| + underflow allowance
        double tol = Rounding.gamma(dim) * abs * (1 + 1e-9) + (2.0 * dim + 4) * Rounding.ETA;
        if (metric == Metric.DOT) {
            return new double[] {dot, tol};
        }
        double qn = 0;
        double rn = 0;
        for (int i = 0; i < dim; i++) {
            qn += (double) q[i] * q[i];
            rn += (double) m.data()[r * dim + i] * m.data()[r * dim + i];
        }
        if (qn == 0 || rn == 0 || (float) Math.sqrt(qn) == 0f || (float) Math.sqrt(rn) == 0f) {
            return new double[] {0, 0};
        }
        double denom = Math.sqrt(qn) * Math.sqrt(rn);
        return new double[] {dot / denom, Rounding.gamma(dim + 8) + tol / denom * (1 + 1e-6)};
    }
}
