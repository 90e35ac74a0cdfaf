package com.example.profiles.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FloatKernelTest {

    static ScoringKernel vector;
    static final ScoringKernel scalar = ScalarKernel.INSTANCE;
    static ExecutorService pool;

    @BeforeAll
    static void setUp() {
        vector = TestData.vector();
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void tearDown() {
        pool.shutdownNow();
    }

    static int[] sampledDims() {
        int[] d = new int[80 + 12];
        for (int i = 0; i < 80; i++) {
            d[i] = i + 1;
        }
        int[] extra = {96, 127, 128, 129, 255, 256, 300, 511, 512, 768, 1000, 1024};
        System.arraycopy(extra, 0, d, 80, extra.length);
        return d;
    }

    @Test
    void selectionNeverThrowsAndNamesTheKernel() {
        assertEquals("scalar", Kernels.select("scalar").kernel().name());
        KernelChoice auto = Kernels.select("auto");
        assertNotNull(auto.reason());
        assertFalse(auto.reason().isBlank());
        assertNotNull(Kernels.select("no-such-thing").kernel());
        assertNotNull(Kernels.select(null).kernel());
        assertTrue(vector.name().startsWith("vector-api-"), vector.name());
    }

    @Test
    void dotRowsIsBitIdenticalToDot() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (ScoringKernel k : new ScoringKernel[] {scalar, vector}) {
            for (int dim : sampledDims()) {
                int rows = 7;
                float[] m = TestData.gaussian(rnd, rows * dim, 1);
                float[] q = TestData.gaussian(rnd, dim, 1);
                float[] out = new float[rows];
                k.dotRows(m, dim, q, 0, rows, out);
                float[] out2 = new float[10];
                k.dotRows(m, dim, q, 1, 6, out2, 3);
                for (int r = 0; r < rows; r++) {
                    float d = k.dot(m, r * dim, q, 0, dim);
                    assertEquals(Float.floatToRawIntBits(d), Float.floatToRawIntBits(out[r]), k + " dim " + dim);
                    if (r >= 1 && r < 6) {
                        assertEquals(Float.floatToRawIntBits(d), Float.floatToRawIntBits(out2[3 + r - 1]));
                    }
                }
            }
        }
    }

    @Test
    void dotWithinProvenRoundingBound() {
        SplittableRandom rnd = new SplittableRandom(2);
        double[] scales = {1, 1e-30, 1e18, 1e-20};
        for (ScoringKernel k : new ScoringKernel[] {scalar, vector}) {
            for (int dim : sampledDims()) {
                for (double scale : scales) {
                    if (scale == 1e18 && dim > 256) {
                        continue; // keep sums finite: |a||b| <= 1e36 * dim * ~16 < 3.4e38
                    }
                    float[] a = TestData.gaussian(rnd, dim + 3, Math.sqrt(scale));
                    float[] b = TestData.gaussian(rnd, dim, Math.sqrt(scale));
                    float d = k.dot(a, 3, b, 0, dim);
                    double exact = 0;
                    double abs = 0;
                    for (int i = 0; i < dim; i++) {
                        exact += (double) a[3 + i] * b[i];
                        abs += Math.abs((double) a[3 + i] * b[i]);
                    }
                    assertTrue(Float.isFinite(d));
                    double tol = Rounding.gamma(dim) * abs * (1 + 1e-9) + (2.0 * dim + 4) * Rounding.ETA;
                    assertTrue(Math.abs(d - exact) <= tol, k + " dim " + dim + " scale " + scale + " err " + Math.abs(d - exact) + " tol " + tol);
                }
            }
        }
    }

    @Test
    void scalarAndVectorRankTheSameUpToProvenNearTies() {
        SplittableRandom rnd = new SplittableRandom(3);
        int[] dims = {1, 2, 5, 8, 13, 31, 64, 100, 128, 257, 768, 1024};
        double[] scales = {1, 1e-30, 1e18};
        int cases = 0;
        for (int dim : dims) {
            for (double scale : scales) {
                if (scale == 1e18 && dim > 128) {
                    continue;
                }
                int rows = 600;
                float[] data = TestData.gaussian(rnd, rows * dim, Math.sqrt(scale));
                // adversarial: zero rows, duplicated rows, a tiny-norm row
                Arrays.fill(data, 5 * dim, 6 * dim, 0f);
                System.arraycopy(data, 7 * dim, data, 8 * dim, dim);
                for (int i = 0; i < dim; i++) {
                    data[9 * dim + i] *= 1e-10f;
                }
                CatalogMatrix m = new CatalogMatrix(data, rows, dim);
                float[] q = TestData.gaussian(rnd, dim, Math.sqrt(scale));
                for (Metric metric : Metric.values()) {
                    for (int k : new int[] {1, 10, 100}) {
                        SearchResult rs = new ExactSearch().topK(m, q, metric, k, null, scalar, 1, null);
                        SearchResult rv = new ExactSearch().topK(m, q, metric, k, null, vector, 1, null);
                        checkNearCorrect(m, q, metric, rs, k);
                        checkNearCorrect(m, q, metric, rv, k);
                        if (!Arrays.equals(rs.rows(), rv.rows())) {
                            for (int i = 0; i < rs.rows().length; i++) {
                                int a = rs.rows()[i];
                                int b = rv.rows()[i];
                                if (a != b) {
                                    double[] ra = TestData.reference(m, a, q, metric);
                                    double[] rb = TestData.reference(m, b, q, metric);
                                    assertTrue(Math.abs(ra[0] - rb[0]) <= ra[1] + rb[1],
                                            "rank differs beyond rounding tolerance at " + i + " dim " + dim);
                                }
                            }
                        }
                        cases++;
                    }
                }
            }
        }
        assertTrue(cases > 100);
    }

    /** Every returned row is, up to the proven tolerance, at least as good as every row not returned. */
    private static void checkNearCorrect(CatalogMatrix m, float[] q, Metric metric, SearchResult r, int k) {
        assertEquals(Math.min(k, m.rows()), r.size());
        double[] last = TestData.reference(m, r.rows()[r.size() - 1], q, metric);
        boolean[] in = new boolean[m.rows()];
        for (int i = 0; i < r.size(); i++) {
            in[r.rows()[i]] = true;
            if (i > 0) {
                double[] prev = TestData.reference(m, r.rows()[i - 1], q, metric);
                double[] cur = TestData.reference(m, r.rows()[i], q, metric);
                assertTrue(prev[0] >= cur[0] - prev[1] - cur[1], "order");
            }
        }
        for (int row = 0; row < m.rows(); row++) {
            if (!in[row]) {
                double[] x = TestData.reference(m, row, q, metric);
                assertTrue(x[0] <= last[0] + last[1] + x[1], "missing row " + row);
            }
        }
    }

    @Test
    void topKMatchesFullSortReferenceIncludingTiesExclusionsAndSmallCatalogs() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (ScoringKernel kernel : new ScoringKernel[] {scalar, vector}) {
            for (int trial = 0; trial < 60; trial++) {
                int dim = 1 + rnd.nextInt(40);
                int rows = rnd.nextInt(300);
                float[] data = new float[rows * dim];
                for (int i = 0; i < data.length; i++) {
                    data[i] = rnd.nextInt(5) - 2; // small integers: lots of exact ties
                }
                CatalogMatrix m = new CatalogMatrix(data, rows, dim);
                float[] q = new float[dim];
                for (int i = 0; i < dim; i++) {
                    q[i] = rnd.nextInt(3) - 1;
                }
                int mod = 2 + rnd.nextInt(5);
                IntPredicate excluded = trial % 3 == 0 ? null : r -> r % mod == 1;
                for (Metric metric : Metric.values()) {
                    for (int k : new int[] {1, 3, 10, 1000}) {
                        SearchResult expected = TestData.fullSort(m, q, metric, k, excluded, kernel);
                        SearchResult got = new ExactSearch().topK(m, q, metric, k, excluded, kernel, 1, null);
                        assertEquals(expected, got, kernel + " trial " + trial + " " + metric + " k=" + k);
                        SearchResult par = new ExactSearch().topK(m, q, metric, k, excluded, kernel, 3, pool, 1);
                        assertEquals(expected, par);
                    }
                }
            }
        }
    }

    @Test
    void tiesBrokenByLowerRowAndKGreaterThanRows() {
        float[] data = {1, 0, 0, 1, 1, 0, 2, 0, 1, 0};
        CatalogMatrix m = new CatalogMatrix(data, 5, 2);
        SearchResult r = new ExactSearch().topK(m, new float[] {1, 0}, Metric.DOT, 10, null, vector, 1, null);
        assertEquals(new SearchResult(new int[] {3, 0, 2, 4, 1}, new float[] {2, 1, 1, 1, 0}), r);
        SearchResult c = new ExactSearch().topK(m, new float[] {1, 0}, Metric.COSINE, 4, row -> row == 0, vector, 1, null);
        assertEquals(new SearchResult(new int[] {2, 3, 4, 1}, new float[] {1, 1, 1, 0}), c);
        // zero query under cosine: every score is 0, lowest rows first
        SearchResult z = new ExactSearch().topK(m, new float[] {0, 0}, Metric.COSINE, 2, null, vector, 1, null);
        assertEquals(new SearchResult(new int[] {0, 1}, new float[] {0, 0}), z);
        // empty catalog
        CatalogMatrix empty = new CatalogMatrix(new float[0], 0, 3);
        assertEquals(0, new ExactSearch().topK(empty, new float[3], Metric.DOT, 5, null, vector, 2, pool).size());
    }

    @Test
    void parallelIsBitIdenticalToSingleThread() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int dim : new int[] {3, 64, 129}) {
            int rows = 20_011;
            CatalogMatrix m = new CatalogMatrix(TestData.gaussian(rnd, rows * dim, 1), rows, dim);
            float[] q = TestData.gaussian(rnd, dim, 1);
            for (Metric metric : Metric.values()) {
                for (int k : new int[] {1, 10, 1000}) {
                    IntPredicate ex = r -> r % 7 == 0;
                    SearchResult one = new ExactSearch().topK(m, q, metric, k, ex, vector, 1, null);
                    for (int p : new int[] {2, 3, 4}) {
                        assertEquals(one, new ExactSearch().topK(m, q, metric, k, ex, vector, p, pool));
                        assertEquals(one, new ExactSearch().topK(m, q, metric, k, ex, vector, p, pool, 1));
                    }
                    assertEquals(one, new ExactSearch().topK(m, q, metric, k, ex, vector, 2, null, 1));
                }
            }
        }
    }

    @Test
    void validatesArguments() {
        CatalogMatrix m = new CatalogMatrix(new float[4], 2, 2);
        ExactSearch s = new ExactSearch();
        assertThrows(IllegalArgumentException.class, () -> s.topK(m, new float[2], Metric.DOT, 0, null, vector, 1, null));
        assertThrows(IllegalArgumentException.class, () -> s.topK(m, new float[2], Metric.DOT, 1001, null, vector, 1, null));
        assertThrows(IllegalArgumentException.class, () -> s.topK(m, new float[3], Metric.DOT, 1, null, vector, 1, null));
        assertThrows(IllegalArgumentException.class, () -> s.topK(m, new float[2], Metric.DOT, 1, null, vector, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new CatalogMatrix(new float[5], 2, 2));
    }
}
