package com.example.profiles.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * float32 primitives and search, run over each kernel by a subclass (like Lucene's
 * {@code BaseVectorizationTestCase}): bit identity of batched rows, the proven rounding bound, and top-k
 * against a full-sort reference, alone and split across threads.
 */
abstract class FloatSearchTestCase {

    static ExecutorService pool;
    final ScoringKernel kernel = kernel();

    /** The implementation under test. */
    abstract ScoringKernel kernel();

    /**
     * The search under test, over {@code m} (rows in item-id order): answer rows are rows of {@code m}. Here the
     * float32 brute force; {@link PrunedFloatSearchTestCase} runs the same cases through the pruned search on a
     * clustered layout of {@code m}.
     *
     * @param minRowsPerTask smallest chunk per task, 0 for the default
     */
    TopKOutcome search(CatalogMatrix m, TopKQuery q, int parallelism, ExecutorService pool, int minRowsPerTask) {
        ExactSearch s = minRowsPerTask > 0 ? TestData.exact(kernel, parallelism, pool, minRowsPerTask)
                : TestData.exact(kernel, parallelism, pool);
        return s.search(m, q);
    }

    private SearchResult topK(CatalogMatrix m, float[] q, Metric metric, int k, IntPredicate excluded,
                              int parallelism, ExecutorService pool, int minRowsPerTask) {
        return search(m, new TopKQuery(q, metric, k, excluded), parallelism, pool, minRowsPerTask).result();
    }

    @BeforeAll
    static void setUp() {
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
    void dotRowsIsBitIdenticalToDot() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int dim : sampledDims()) {
            int rows = 7;
            float[] m = TestData.gaussian(rnd, rows * dim, 1);
            float[] q = TestData.gaussian(rnd, dim, 1);
            float[] out = new float[rows];
            kernel.dotRows(m, dim, q, 0, rows, out, 0);
            float[] out2 = new float[10];
            kernel.dotRows(m, dim, q, 1, 6, out2, 3);
            for (int r = 0; r < rows; r++) {
                float d = kernel.dot(m, r * dim, q, 0, dim);
                assertEquals(Float.floatToRawIntBits(d), Float.floatToRawIntBits(out[r]), kernel + " dim " + dim);
                if (r >= 1 && r < 6) {
                    assertEquals(Float.floatToRawIntBits(d), Float.floatToRawIntBits(out2[3 + r - 1]));
                }
            }
        }
    }

    @Test
    void dotWithinProvenRoundingBound() {
        SplittableRandom rnd = new SplittableRandom(2);
        double[] scales = {1, 1e-30, 1e18, 1e-20};
        for (int dim : sampledDims()) {
            for (double scale : scales) {
                if (scale == 1e18 && dim > 256) {
                    continue; // keep sums finite: |a||b| <= 1e36 * dim * ~16 < 3.4e38
                }
                float[] a = TestData.gaussian(rnd, dim + 3, Math.sqrt(scale));
                float[] b = TestData.gaussian(rnd, dim, Math.sqrt(scale));
                float d = kernel.dot(a, 3, b, 0, dim);
                double exact = 0;
                double abs = 0;
                for (int i = 0; i < dim; i++) {
                    exact += (double) a[3 + i] * b[i];
                    abs += Math.abs((double) a[3 + i] * b[i]);
                }
                assertTrue(Float.isFinite(d));
                double tol = Rounding.gamma(dim) * abs * (1 + 1e-9) + (2.0 * dim + 4) * Rounding.ETA;
                assertTrue(Math.abs(d - exact) <= tol, kernel + " dim " + dim + " scale " + scale + " err " + Math.abs(d - exact) + " tol " + tol);
            }
        }
    }

    @Test
    void topKMatchesFullSortReferenceIncludingTiesExclusionsAndSmallCatalogs() {
        SplittableRandom rnd = new SplittableRandom(4);
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
                    SearchResult got = topK(m, q, metric, k, excluded, 1, null, 0);
                    assertEquals(expected, got, kernel + " trial " + trial + " " + metric + " k=" + k);
                    SearchResult par = topK(m, q, metric, k, excluded, 3, pool, 1);
                    assertEquals(expected, par);
                }
            }
        }
    }

    @Test
    void tiesBrokenByLowerRowAndKGreaterThanRows() {
        float[] data = {1, 0, 0, 1, 1, 0, 2, 0, 1, 0};
        CatalogMatrix m = new CatalogMatrix(data, 5, 2);
        SearchResult r = topK(m, new float[] {1, 0}, Metric.DOT, 10, null, 1, null, 0);
        assertEquals(new SearchResult(new int[] {3, 0, 2, 4, 1}, new float[] {2, 1, 1, 1, 0}), r);
        SearchResult c = topK(m, new float[] {1, 0}, Metric.COSINE, 4, row -> row == 0, 1, null, 0);
        assertEquals(new SearchResult(new int[] {2, 3, 4, 1}, new float[] {1, 1, 1, 0}), c);
        // zero query under cosine: every score is 0, lowest rows first
        SearchResult z = topK(m, new float[] {0, 0}, Metric.COSINE, 2, null, 1, null, 0);
        assertEquals(new SearchResult(new int[] {0, 1}, new float[] {0, 0}), z);
        // empty catalog
        CatalogMatrix empty = new CatalogMatrix(new float[0], 0, 3);
        assertEquals(0, topK(empty, new float[3], Metric.DOT, 5, null, 2, pool, 0).size());
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
                    SearchResult one = topK(m, q, metric, k, ex, 1, null, 0);
                    assertEquals(TestData.fullSort(m, q, metric, k, ex, kernel), one);
                    for (int p : new int[] {2, 3, 4}) {
                        assertEquals(one, topK(m, q, metric, k, ex, p, pool, 0));
                        assertEquals(one, topK(m, q, metric, k, ex, p, pool, 1));
                    }
                    assertEquals(one, topK(m, q, metric, k, ex, 2, null, 1));
                }
            }
        }
    }

    @Test
    void validatesArguments() {
        CatalogMatrix m = new CatalogMatrix(new float[4], 2, 2);
        ExactSearch s = TestData.exact(kernel, 1, null);
        assertThrows(IllegalArgumentException.class, () -> s.topK(m, new float[2], Metric.DOT, 0, null));
        assertThrows(IllegalArgumentException.class, () -> s.topK(m, new float[2], Metric.DOT, 1001, null));
        assertThrows(IllegalArgumentException.class, () -> s.topK(m, new float[3], Metric.DOT, 1, null));
        assertThrows(IllegalArgumentException.class, () -> TestData.exact(kernel, 0, null));
        assertThrows(IllegalArgumentException.class, () -> TestData.exact(null, 1, null));
        assertThrows(IllegalArgumentException.class, () -> new CatalogMatrix(new float[5], 2, 2));
    }

    /**
     * A mask restricts the answer exactly: equal to a full sort of the rows inside it (minus exclusions), for
     * densities on both sides of the gather crossover, alone and split across threads.
     */
    @Test
    void maskedSearchEqualsFullSortOfTheMaskedRows() {
        SplittableRandom rnd = new SplittableRandom(41);
        int cases = 0;
        for (int trial = 0; trial < 12; trial++) {
            int dim = 1 + rnd.nextInt(70);
            int rows = 1 + rnd.nextInt(trial < 6 ? 400 : 9000);
            float[] data = new float[rows * dim];
            for (int i = 0; i < data.length; i++) {
                data[i] = trial % 2 == 0 ? rnd.nextInt(5) - 2 : (float) TestData.gauss(rnd); // ties, then none
            }
            CatalogMatrix m = new CatalogMatrix(data, rows, dim);
            float[] q = TestData.gaussian(rnd, dim, 1);
            for (double density : TestData.DENSITIES) {
                RowMask mask = TestData.randomMask(rnd, rows, density);
                int mod = 2 + rnd.nextInt(5);
                IntPredicate excluded = rnd.nextBoolean() ? null : r -> r % mod == 0;
                for (Metric metric : Metric.values()) {
                    for (int k : new int[] {1, 10, 100}) {
                        SearchResult expected = TestData.fullSort(m, q, metric, k,
                                r -> !mask.contains(r) || (excluded != null && excluded.test(r)), kernel);
                        TopKQuery query = new TopKQuery(q, metric, k, excluded, mask);
                        assertEquals(expected, search(m, query, 1, null, 0).result(),
                                kernel + " density " + density + " " + metric + " k=" + k);
                        assertEquals(expected, search(m, query, 3, pool, 64).result());
                        assertEquals(expected, TestData.exact(kernel, 1, null).gather(m, query).result());
                        cases++;
                    }
                }
            }
        }
        assertTrue(cases >= 500, "cases " + cases);
    }
}
