package com.example.profiles.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cluster bounds and the pruned search on the cases that break a careless bound: a winner on a cluster's
 * rim, a cluster whose bound equals the k-th score, single-member clusters, identical rows, zero rows, norms over
 * 70 decades, the max_per walk, incremental assignment. Every answer is compared with a brute force written
 * here (every allowed row scored, full sort by score then item-id rank), on both kernels, float32 and int8.
 */
class PrunedSearchTest {

    static ExecutorService pool;

    @BeforeAll
    static void setUp() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void tearDown() {
        pool.shutdownNow();
    }

    static ScoringKernel[] kernels() {
        return new ScoringKernel[] {ScalarKernel.INSTANCE, TestData.vector()};
    }

    /** Brute force over the id-ordered source: rows outside the mask or excluded are skipped. */
    static SearchResult brute(CatalogMatrix source, TopKQuery q, ScoringKernel kernel) {
        RowMask mask = q.mask();
        IntPredicate ex = q.excludedRow();
        return TestData.fullSort(source, q.query(), q.metric(), q.k(),
                r -> (mask != null && !mask.contains(r)) || (ex != null && ex.test(r)), kernel);
    }

    /** {@code blobs} Gaussian blobs with N(0, 1) centres and per-coordinate spread {@code spread}. */
    static float[] mixture(SplittableRandom rnd, int rows, int dim, int blobs, double spread) {
        float[] centres = TestData.gaussian(rnd, blobs * dim, 1);
        float[] d = new float[rows * dim];
        for (int r = 0; r < rows; r++) {
            int b = rnd.nextInt(blobs);
            for (int i = 0; i < dim; i++) {
                d[r * dim + i] = (float) (centres[b * dim + i] + spread * TestData.gauss(rnd));
            }
        }
        return d;
    }

    /** Every cluster's bound is at least every member's computed score, for any query, on every shape. */
    @Test
    void boundHoldsForEveryMember() {
        SplittableRandom rnd = new SplittableRandom(51);
        int checked = 0;
        for (ScoringKernel kernel : kernels()) {
            for (int dim : new int[] {1, 2, 3, 7, 16, 33, 64, 130}) {
                for (Int8SearchTestCase.Shape shape : Int8SearchTestCase.Shape.values()) {
                    int rows = 600;
                    float[] data = Int8SearchTestCase.generate(shape, rnd, rows, dim);
                    if (shape == Int8SearchTestCase.Shape.WILD_NORMS) {
                        for (int r = 0; r < rows; r += 5) { // and down into subnormal floats
                            for (int i = 0; i < dim; i++) {
                                data[r * dim + i] *= 1e-30f;
                            }
                        }
                    }
                    CatalogMatrix source = new CatalogMatrix(data, rows, dim);
                    ClusteredFixture f = ClusteredFixture.fitted(source, kernel, 25, 3);
                    CatalogMatrix m = f.matrix;
                    float[] bounds = new float[f.index.clusters()];
                    for (double scale : new double[] {1, 1e-20, 1e12}) {
                        float[] q = rnd.nextBoolean() ? TestData.gaussian(rnd, dim, scale) : scaled(m.row(rnd.nextInt(rows)), scale);
                        float qNorm = CatalogMatrix.l2Norm(q);
                        if (f.index.unboundable(qNorm) != null) {
                            continue;
                        }
                        for (Metric metric : Metric.values()) {
                            f.index.bounds(kernel, q, qNorm, metric, bounds);
                            for (int c = 0; c < f.index.clusters(); c++) {
                                for (int r = f.index.start(c); r < f.index.end(c); r++) {
                                    float s = Scores.score(kernel, m, r, q, qNorm, metric);
                                    assertTrue(s <= bounds[c], () -> kernel + " " + shape + " dim " + dim + " " + metric
                                            + " scale " + scale + ": score " + s + " above its cluster's bound");
                                    checked++;
                                }
                            }
                        }
                    }
                }
            }
        }
        assertTrue(checked > 100_000, "checked " + checked);
    }

    private static float[] scaled(float[] v, double s) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] * s);
        }
        return out;
    }

    /**
     * The winner sits on its cluster's rim in the query's direction, so its real score equals the bound's real
     * part, and an identical row (a later item id) forms a single-member cluster whose bound is exactly that
     * score. Without the rounding allowance the rim cluster's bound falls below the threshold in some trials and
     * the later copy is returned; with it the answer is always the brute force's.
     */
    @Test
    void rimWinnerNeedsTheRoundingAllowance() {
        SplittableRandom rnd = new SplittableRandom(52);
        int wrongWithout = 0;
        int trials = 0;
        for (ScoringKernel kernel : kernels()) {
            for (int trial = 0; trial < 250; trial++) {
                int dim = 1 + rnd.nextInt(48);
                float[] u = TestData.gaussian(rnd, dim, 1);
                float un = CatalogMatrix.l2Norm(u);
                float[] c = TestData.gaussian(rnd, dim, 2);
                double radius = 0.1 + 3 * rnd.nextDouble();
                int far = 12;
                int rows = 3 + far;
                float[] d = new float[rows * dim];
                for (int i = 0; i < dim; i++) {
                    float x = (float) (c[i] + radius * u[i] / un);
                    d[i] = x;                                   // row 0: the rim row, first item id
                    d[dim + i] = (float) (2.0 * c[i] - x);      // row 1: its mirror, so the centroid is ~c
                    d[2 * dim + i] = x;                         // row 2: a copy, later item id, its own cluster
                    for (int r = 3; r < rows; r++) {            // rows 3..: well below, around c - 4 radius u
                        d[r * dim + i] = (float) (c[i] - 4 * radius * u[i] / un + 0.1 * TestData.gauss(rnd));
                    }
                }
                int[] clusterOf = new int[rows];
                clusterOf[2] = 1;
                for (int r = 3; r < rows; r++) {
                    clusterOf[r] = 2 + r % 3;
                }
                CatalogMatrix source = new CatalogMatrix(d, rows, dim);
                TopKQuery q = new TopKQuery(u, Metric.DOT, 1, null);
                SearchResult expected = brute(source, q, kernel);
                assertEquals(0, expected.rows()[0], "construction: the rim row wins the tie");
                ClusteredFixture right = new ClusteredFixture(source, clusterOf, 5);
                assertEquals(expected, right.pruned(kernel, q, false).result(), kernel + " trial " + trial);
                assertEquals(expected, right.pruned(kernel, q, true).result(), kernel + " int8 trial " + trial);
                ClusteredFixture loose = new ClusteredFixture(source, clusterOf, 5, false);
                if (!expected.equals(loose.pruned(kernel, q, false).result())) {
                    wrongWithout++;
                }
                trials++;
            }
        }
        assertTrue(wrongWithout > 0, "expected the bound without rounding allowance to prune the rim winner at least once");
        System.out.println("cluster bound without rounding allowance wrong in " + wrongWithout + "/" + trials + " trials");
    }

    /**
     * Exact small integers, no rounding anywhere: cluster A = {(2, 5), (2, -5)} (bound 2 + 5 = 7) is visited
     * first and sets the threshold to 2; cluster B = {(2, 0)} has bound exactly 2 and holds a row scoring 2 with
     * the first item id. A walk that stopped at "bound <= threshold" would answer A's row. Cluster D = {(-3, 0)}
     * is below the threshold and is never read.
     */
    @Test
    void clusterWhoseBoundEqualsTheThresholdIsVisited() {
        float[] d = {2, 0, 2, 5, 2, -5, -3, 0};
        CatalogMatrix source = new CatalogMatrix(d, 4, 2);
        int[] clusterOf = {1, 0, 0, 2};
        for (ScoringKernel kernel : kernels()) {
            for (boolean allowance : new boolean[] {false, true}) {
                ClusteredFixture f = new ClusteredFixture(source, clusterOf, 3, allowance);
                for (int k : new int[] {1, 2, 3}) {
                    TopKQuery q = new TopKQuery(new float[] {1, 0}, Metric.DOT, k, null);
                    TopKOutcome got = f.pruned(kernel, q, false);
                    assertEquals(brute(source, q, kernel), got.result(), kernel + " allowance " + allowance + " k " + k);
                    assertEquals(0, got.result().rows()[0]);
                    if (k < 3) {
                        assertEquals(3, got.scanned(), "A and B read, D never");
                        assertEquals(1, got.clustersPruned());
                    }
                    assertEquals(brute(source, q, kernel), f.pruned(kernel, q, true).result());
                }
            }
        }
    }

    /** One row per cluster (radius 0): ties, duplicates, masks, exclusions, k up to 1000. */
    @Test
    void singleMemberClustersAreExact() {
        SplittableRandom rnd = new SplittableRandom(53);
        for (ScoringKernel kernel : kernels()) {
            for (int trial = 0; trial < 6; trial++) {
                int dim = 1 + rnd.nextInt(20);
                int rows = 300 + rnd.nextInt(900);
                float[] d = new float[rows * dim];
                for (int i = 0; i < d.length; i++) {
                    d[i] = trial % 2 == 0 ? rnd.nextInt(5) - 2 : (float) TestData.gauss(rnd);
                }
                CatalogMatrix source = new CatalogMatrix(d, rows, dim);
                int[] clusterOf = new int[rows];
                for (int r = 0; r < rows; r++) {
                    clusterOf[r] = rows - 1 - r; // reversed: layout order is the opposite of item-id order
                }
                ClusteredFixture f = new ClusteredFixture(source, clusterOf, rows);
                checkQueries(kernel, f, rnd, 6);
            }
        }
    }

    /** Every row identical: every score ties, so the answer is the first k allowed item ids. */
    @Test
    void everyRowIdenticalAnswersTheFirstItemIds() {
        SplittableRandom rnd = new SplittableRandom(54);
        int rows = 3000;
        int dim = 16;
        float[] row = TestData.gaussian(rnd, dim, 1);
        float[] d = new float[rows * dim];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(row, 0, d, r * dim, dim);
        }
        CatalogMatrix source = new CatalogMatrix(d, rows, dim);
        for (ScoringKernel kernel : kernels()) {
            ClusteredFixture fitted = ClusteredFixture.fitted(source, kernel, 55, 1);
            int[] random = new int[rows];
            for (int r = 0; r < rows; r++) {
                random[r] = rnd.nextInt(40);
            }
            for (ClusteredFixture f : new ClusteredFixture[] {fitted, new ClusteredFixture(source, random, 40)}) {
                for (Metric metric : Metric.values()) {
                    for (boolean int8 : new boolean[] {false, true}) {
                        TopKOutcome got = f.pruned(kernel, new TopKQuery(TestData.gaussian(rnd, dim, 1), metric, 10, r -> r % 3 == 0), int8);
                        assertArrayEquals(new int[] {1, 2, 4, 5, 7, 8, 10, 11, 13, 14}, got.result().rows());
                    }
                }
                checkQueries(kernel, f, rnd, 4);
            }
        }
    }

    /**
     * Norms from 1e-40 (subnormal floats) to 1e30, queries from 1e-20 to 1e6, zero rows: the cosine of tiny
     * vectors is dominated by underflow and the dot of huge ones near overflow (those queries are not pruned).
     */
    @Test
    void hugeAndTinyMagnitudesAreExact() {
        SplittableRandom rnd = new SplittableRandom(55);
        for (ScoringKernel kernel : kernels()) {
            for (int dim : new int[] {1, 5, 64}) {
                int rows = 1500;
                float[] d = TestData.gaussian(rnd, rows * dim, 1);
                for (int r = 0; r < rows; r++) {
                    double s = r % 9 == 0 ? 0 : Math.pow(10, rnd.nextDouble() * 70 - 40);
                    for (int i = 0; i < dim; i++) {
                        d[r * dim + i] = (float) (d[r * dim + i] * s);
                    }
                }
                CatalogMatrix source = new CatalogMatrix(d, rows, dim);
                ClusteredFixture f = ClusteredFixture.fitted(source, kernel, 40, 5);
                for (double scale : new double[] {1e-20, 1e-3, 1, 1e6}) {
                    for (Metric metric : Metric.values()) {
                        for (int k : new int[] {1, 10, 200}) {
                            TopKQuery q = new TopKQuery(TestData.gaussian(rnd, dim, scale), metric, k, r -> r % 11 == 4);
                            SearchResult expected = brute(source, q, kernel);
                            assertEquals(expected, f.pruned(kernel, q, false).result(), kernel + " dim " + dim + " " + metric + " scale " + scale);
                            assertEquals(expected, f.pruned(kernel, q, true).result(), kernel + " int8 dim " + dim + " " + metric + " scale " + scale);
                        }
                    }
                }
            }
        }
    }

    /**
     * Cosine of a zero row is 0, above every row pointing away from the query: clusters holding zero rows must
     * keep a bound of at least 0 even when all their other members score near -1.
     */
    @Test
    void zeroRowsWinWhenEveryOtherCosineIsNegative() {
        SplittableRandom rnd = new SplittableRandom(56);
        int dim = 8;
        int rows = 2000;
        float[] v = TestData.gaussian(rnd, dim, 1);
        float[] d = new float[rows * dim];
        for (int r = 0; r < rows; r++) {
            if (r % 500 == 7) {
                continue; // zero rows 7, 507, 1007, 1507
            }
            for (int i = 0; i < dim; i++) {
                d[r * dim + i] = (float) (v[i] + 0.05 * TestData.gauss(rnd));
            }
        }
        CatalogMatrix source = new CatalogMatrix(d, rows, dim);
        float[] q = scaled(v, -1);
        for (ScoringKernel kernel : kernels()) {
            ClusteredFixture f = ClusteredFixture.fitted(source, kernel, 45, 2);
            for (boolean int8 : new boolean[] {false, true}) {
                TopKQuery query = new TopKQuery(q, Metric.COSINE, 6, null);
                SearchResult got = f.pruned(kernel, query, int8).result();
                assertEquals(brute(source, query, kernel), got);
                assertArrayEquals(new int[] {7, 507, 1007, 1507}, Arrays.copyOf(got.rows(), 4));
            }
        }
    }

    /**
     * The max_per walk: each round asks for the best t rows not walked yet (a mask without them); the rounds
     * together must be the brute force's top, in order, and the pruned rounds must still skip most rows.
     */
    @Test
    void walkOverRoundsContinuesInExactOrder() {
        SplittableRandom rnd = new SplittableRandom(57);
        int rows = 40_000;
        int dim = 24;
        CatalogMatrix source = new CatalogMatrix(mixture(rnd, rows, dim, 150, 0.05), rows, dim);
        for (ScoringKernel kernel : kernels()) {
            ClusteredFixture f = ClusteredFixture.fitted(source, kernel, ClusterModel.suggestedClusters(rows), 9);
            for (boolean int8 : new boolean[] {false, true}) {
                for (Metric metric : Metric.values()) {
                    float[] q = source.row(rnd.nextInt(rows));
                    IntPredicate ex = r -> r % 13 == 0;
                    int t = 7;
                    int rounds = 6;
                    SearchResult expected = brute(source, new TopKQuery(q, metric, t * rounds, ex), kernel);
                    long[] words = new long[(rows + 63) >>> 6];
                    Arrays.fill(words, -1L);
                    RowMask mask = null;
                    List<Integer> walked = new ArrayList<>();
                    long scanned = 0;
                    for (int round = 0; round < rounds; round++) {
                        TopKOutcome got = f.pruned(kernel, new TopKQuery(q, metric, t, ex, mask), int8);
                        scanned += got.scanned();
                        for (int i = 0; i < got.result().size(); i++) {
                            int r = got.result().rows()[i];
                            assertEquals(expected.rows()[walked.size()], r, "round " + round);
                            assertEquals(expected.scores()[walked.size()], got.result().scores()[i]);
                            walked.add(r);
                            words[r >>> 6] &= ~(1L << r);
                        }
                        int count = 0;
                        for (int r = 0; r < rows; r++) {
                            count += (words[r >>> 6] >>> r & 1L) != 0 ? 1 : 0;
                        }
                        mask = new RowMask(words.clone(), count);
                    }
                    assertEquals(t * rounds, walked.size());
                    assertTrue(scanned < rows, kernel + " int8 " + int8 + " " + metric + ": six rounds scanned " + scanned);
                }
            }
        }
    }

    /** The planner prunes a catalog of tight clusters and declines Gaussian noise after a probe of a few clusters. */
    @Test
    void plannerPrunesClusteredDataAndDeclinesNoise() {
        SplittableRandom rnd = new SplittableRandom(58);
        int rows = 60_000;
        int dim = 32;
        ScoringKernel kernel = TestData.vector();
        CatalogMatrix clustered = new CatalogMatrix(mixture(rnd, rows, dim, 200, 0.05), rows, dim);
        CatalogMatrix noise = new CatalogMatrix(TestData.gaussian(rnd, rows * dim, 1), rows, dim);
        PrunedSearch planner = new PrunedSearch(kernel, 2, pool);
        for (boolean int8 : new boolean[] {false, true}) {
            ClusteredFixture c = ClusteredFixture.fitted(clustered, kernel, ClusterModel.suggestedClusters(rows), 4);
            ClusteredFixture n = ClusteredFixture.fitted(noise, kernel, ClusterModel.suggestedClusters(rows), 4);
            for (int i = 0; i < 5; i++) {
                for (Metric metric : Metric.values()) {
                    TopKQuery q = new TopKQuery(clustered.row(rnd.nextInt(rows)), metric, 10, null);
                    TopKOutcome got = planner.search(c.index, int8 ? c.quantized() : null, c.toLayout(q));
                    assertEquals(brute(clustered, q, kernel), c.toSource(got).result());
                    assertEquals(ScanStrategy.PRUNED, got.scan(), "clustered, int8 " + int8 + " " + metric);
                    assertTrue(got.scanned() < rows / 10, "scanned " + got.scanned());
                    assertTrue(got.clustersPruned() > c.index.clusters() / 2, "pruned " + got.clustersPruned());

                    TopKQuery g = new TopKQuery(TestData.gaussian(rnd, dim, 1), metric, 10, null);
                    TopKOutcome full = planner.search(n.index, int8 ? n.quantized() : null, n.toLayout(g));
                    assertEquals(brute(noise, g, kernel), n.toSource(full).result());
                    assertEquals(ScanStrategy.FULL, full.scan(), "noise, int8 " + int8 + " " + metric);
                    assertTrue(full.scanned() <= rows + rows / 20, "probe scanned " + (full.scanned() - rows));
                    assertEquals(null, planner.tryPruned(n.index, int8 ? n.quantized() : null, n.toLayout(g)));
                }
            }
        }
    }

    /**
     * An incremental refresh: the model is fitted on part of the rows, the others (and rows whose vector
     * changed) are assigned with {@link ClusterModel#nearest}; bounds come from the rows actually stored.
     */
    @Test
    void incrementallyAssignedRowsStayExact() {
        SplittableRandom rnd = new SplittableRandom(59);
        int rows = 12_000;
        int dim = 20;
        float[] d = mixture(rnd, rows, dim, 60, 0.1);
        int fitted = rows * 2 / 3;
        ScoringKernel kernel = TestData.vector();
        ClusterModel.Fit fit = ClusterModel.fit(Arrays.copyOf(d, fitted * dim), fitted, dim, 100, 11, kernel, 2, pool);
        for (int r = 0; r < 50; r++) { // vectors that changed since the fit: moved elsewhere
            int row = rnd.nextInt(fitted);
            System.arraycopy(d, rnd.nextInt(rows) * dim, d, row * dim, dim);
        }
        int[] clusterOf = new int[rows];
        for (int r = 0; r < rows; r++) {
            clusterOf[r] = r < fitted ? fit.clusterOfRow()[r] : fit.model().nearest(kernel, d, r * dim);
        }
        CatalogMatrix source = new CatalogMatrix(d, rows, dim);
        ClusteredFixture f = new ClusteredFixture(source, clusterOf, fit.model().clusters());
        for (int r = 0; r < rows; r += 97) {
            int c = f.index.clusterOf(r);
            assertTrue(f.index.start(c) <= r && r < f.index.end(c));
        }
        checkQueries(kernel, f, rnd, 8);
    }

    /** The full searches on a clustered layout break ties by tie rank: the same answer as on the id order. */
    @Test
    void fullSearchesOnTheLayoutBreakTiesByRank() {
        SplittableRandom rnd = new SplittableRandom(60);
        int rows = 9000;
        int dim = 6;
        float[] d = new float[rows * dim];
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextInt(3) - 1; // many exact ties
        }
        CatalogMatrix source = new CatalogMatrix(d, rows, dim);
        for (ScoringKernel kernel : kernels()) {
            ClusteredFixture f = ClusteredFixture.fitted(source, kernel, 90, 6);
            for (double density : new double[] {0.01, 0.5, 1}) {
                RowMask mask = density == 1 ? null : TestData.randomMask(rnd, rows, density);
                for (Metric metric : Metric.values()) {
                    for (int k : new int[] {1, 10, 1000}) {
                        TopKQuery q = new TopKQuery(TestData.gaussian(rnd, dim, 1), metric, k, r -> r % 4 == 1, mask);
                        SearchResult expected = brute(source, q, kernel);
                        TopKQuery onLayout = f.toLayout(q);
                        for (int p : new int[] {1, 3}) {
                            TopKOutcome exact = TestData.exact(kernel, p, pool, 64).search(f.matrix, onLayout);
                            assertEquals(expected, f.toSource(exact).result(), kernel + " float32 " + density + " " + metric + " k " + k);
                            TopKOutcome int8 = TestData.int8(kernel, p, pool, 64).topKBatch(f.quantized(), List.of(onLayout)).get(0);
                            assertEquals(expected, f.toSource(int8).result(), kernel + " int8 " + density + " " + metric + " k " + k);
                        }
                    }
                }
            }
        }
    }

    @Test
    void layoutGroupsRowsByClusterKeepingTheirOrder() {
        int[] clusterOf = {2, 0, 2, 1, 0, 2};
        ClusterLayout layout = ClusterLayout.of(clusterOf, 4);
        assertArrayEquals(new int[] {1, 4, 3, 0, 2, 5}, layout.order());
        assertArrayEquals(new int[] {0, 2, 3, 6, 6}, layout.starts());
        assertArrayEquals(new int[] {3, 0, 4, 2, 1, 5}, layout.inverse());
        float[] data = {0, 0.5f, 1, 1.5f, 2, 2.5f, 3, 3.5f, 4, 4.5f, 5, 5.5f};
        ClusterLayout.permuteRows(data, 2, layout.order());
        assertArrayEquals(new float[] {1, 1.5f, 4, 4.5f, 3, 3.5f, 0, 0.5f, 2, 2.5f, 5, 5.5f}, data);
        CatalogMatrix m = new CatalogMatrix(data, 6, 2, layout.order());
        ClusterIndex index = ClusterIndex.of(m, layout.starts());
        assertEquals(4, index.clusters());
        assertEquals(2, index.clusterOf(3));
        assertEquals(2, index.clusterOf(5));
        assertEquals(1, index.clusterOf(2));
    }

    @Test
    void fitIsDeterministicWhateverTheThreads() {
        SplittableRandom rnd = new SplittableRandom(61);
        int rows = 20_000;
        int dim = 12;
        float[] d = mixture(rnd, rows, dim, 40, 0.2);
        ScoringKernel kernel = TestData.vector();
        ClusterModel.Fit one = ClusterModel.fit(d, rows, dim, 141, 5, kernel, 1, null);
        ClusterModel.Fit two = ClusterModel.fit(d, rows, dim, 141, 5, kernel, 2, pool);
        assertArrayEquals(one.clusterOfRow(), two.clusterOfRow());
        int c = one.model().clusters();
        assertTrue(c >= 120 && c <= 160, "clusters " + c);
        for (int r = 0; r < rows; r += 37) {
            assertEquals(one.clusterOfRow()[r], one.model().nearest(kernel, d, r * dim), "row " + r);
        }
        assertEquals(1, ClusterModel.suggestedClusters(1));
        assertEquals(1000, ClusterModel.suggestedClusters(1_000_000));
    }

    /**
     * A cluster's radius is its farthest member, so two kinds of wide clusters cost every query: rows the two-level
     * assignment puts far from their centroid (a blob cut by a top-level boundary), and clusters spanning two
     * blobs (fewer centroids than blobs nearby). The fit moves the former and splits the latter: with fewer or
     * more blobs than requested clusters, hardly any cluster is wider than a blob.
     */
    @Test
    void fitLeavesNoClusterWiderThanABlob() {
        SplittableRandom rnd = new SplittableRandom(62);
        int rows = 60_000;
        int dim = 32;
        double spread = 0.1;
        double blobRadius = spread * Math.sqrt(dim) * 1.7; // the farthest of ~200 Gaussian rows, with margin
        for (int blobs : new int[] {120, 300}) {
            float[] d = mixture(rnd, rows, dim, blobs, spread);
            ClusterModel.Fit fit = ClusterModel.fit(d, rows, dim, ClusterModel.suggestedClusters(rows), 3, TestData.vector(), 2, pool);
            ClusterLayout layout = ClusterLayout.of(fit.clusterOfRow(), fit.model().clusters());
            int[] order = layout.order();
            int[] starts = layout.starts();
            int wide = 0;
            int clusters = 0;
            for (int c = 0; c < layout.clusters(); c++) {
                int n = starts[c + 1] - starts[c];
                if (n == 0) {
                    continue;
                }
                clusters++;
                double[] mean = new double[dim];
                for (int i = starts[c]; i < starts[c + 1]; i++) {
                    for (int j = 0; j < dim; j++) {
                        mean[j] += d[order[i] * dim + j] / (double) n;
                    }
                }
                double radius = 0;
                for (int i = starts[c]; i < starts[c + 1]; i++) {
                    double s = 0;
                    for (int j = 0; j < dim; j++) {
                        double e = d[order[i] * dim + j] - mean[j];
                        s += e * e;
                    }
                    radius = Math.max(radius, Math.sqrt(s));
                }
                wide += radius > blobRadius ? 1 : 0;
            }
            assertTrue(wide <= clusters / 100, blobs + " blobs: " + wide + " of " + clusters + " clusters wider than a blob");
            assertTrue(clusters <= 2 * ClusterModel.suggestedClusters(rows), "clusters " + clusters);
        }
    }

    /** Random queries with masks, exclusions and k from 1 to 1000, float32 and int8, against the brute force. */
    private static void checkQueries(ScoringKernel kernel, ClusteredFixture f, SplittableRandom rnd, int queries) {
        CatalogMatrix source = f.source;
        int rows = source.rows();
        for (int i = 0; i < queries; i++) {
            float[] q = i % 2 == 0 ? TestData.gaussian(rnd, source.dim(), 1) : source.row(rnd.nextInt(rows));
            RowMask mask = i % 3 == 0 ? null : TestData.randomMask(rnd, rows, new double[] {0.005, 0.3, 0.9}[i % 3]);
            int mod = 2 + rnd.nextInt(5);
            IntPredicate ex = i % 4 == 0 ? null : r -> r % mod == 1;
            for (Metric metric : Metric.values()) {
                for (int k : new int[] {1, 10, 1000}) {
                    TopKQuery query = new TopKQuery(q, metric, k, ex, mask);
                    SearchResult expected = brute(source, query, kernel);
                    assertEquals(expected, f.pruned(kernel, query, false).result(), kernel + " " + metric + " k " + k);
                    assertEquals(expected, f.pruned(kernel, query, true).result(), kernel + " int8 " + metric + " k " + k);
                }
            }
        }
    }
}
