package com.example.profiles.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * The int8 two-phase search and the kernel's int8 primitives, run over each kernel by a subclass (like
 * Lucene's {@code BaseVectorizationTestCase}): every case compares with the float32 search or an independent
 * reference, with the same kernel.
 */
abstract class Int8SearchTestCase {

    static ExecutorService pool;
    final ScoringKernel kernel = kernel();

    /** The implementation under test. */
    abstract ScoringKernel kernel();

    /**
     * The int8 search under test, over {@code qc} (rows in item-id order): answer rows are rows of its matrix.
     * Here {@link Int8Search#topKBatch}; {@link PrunedInt8SearchTestCase} runs the same cases through the pruned
     * search on a clustered layout of the same rows.
     *
     * @param minRowsPerTask smallest chunk per task, 0 for the default
     */
    java.util.List<TopKOutcome> int8Batch(QuantizedCatalog qc, java.util.List<TopKQuery> queries, int parallelism,
                                          ExecutorService pool, int minRowsPerTask) {
        Int8Search s = minRowsPerTask > 0 ? TestData.int8(kernel, parallelism, pool, minRowsPerTask)
                : TestData.int8(kernel, parallelism, pool);
        return s.topKBatch(qc, queries);
    }

    private TopKOutcome int8TopK(QuantizedCatalog qc, float[] q, Metric metric, int k, IntPredicate excluded,
                                 int parallelism, ExecutorService pool, int minRowsPerTask) {
        return int8Batch(qc, java.util.List.of(new TopKQuery(q, metric, k, excluded)), parallelism, pool,
                minRowsPerTask).get(0);
    }

    @BeforeAll
    static void setUp() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void tearDown() {
        pool.shutdownNow();
    }

    enum Shape { GAUSSIAN, CLUSTERED, DUPLICATED, WILD_NORMS, ZERO_ROWS }

    static float[] generate(Shape shape, SplittableRandom rnd, int rows, int dim) {
        float[] d = TestData.gaussian(rnd, rows * dim, 1);
        switch (shape) {
            case GAUSSIAN:
                break;
            case CLUSTERED: {
                // most rows are tiny perturbations of a few centres: many scores near the k-th
                float[][] centres = new float[3][];
                for (int c = 0; c < 3; c++) {
                    centres[c] = TestData.gaussian(rnd, dim, 1);
                }
                for (int r = 0; r < rows; r++) {
                    float[] c = centres[rnd.nextInt(3)];
                    double eps = rnd.nextInt(4) == 0 ? 1e-2 : 1e-4;
                    for (int i = 0; i < dim; i++) {
                        d[r * dim + i] = (float) (c[i] + eps * d[r * dim + i]);
                    }
                }
                break;
            }
            case DUPLICATED:
                for (int r = 1; r < rows; r++) {
                    if (rnd.nextInt(3) > 0) {
                        int src = rnd.nextInt(r);
                        System.arraycopy(d, src * dim, d, r * dim, dim);
                    }
                }
                break;
            case WILD_NORMS:
                for (int r = 0; r < rows; r++) {
                    float s = (float) Math.pow(10, rnd.nextDouble() * 24 - 12);
                    for (int i = 0; i < dim; i++) {
                        d[r * dim + i] *= s;
                    }
                }
                break;
            case ZERO_ROWS:
                for (int r = 0; r < rows; r++) {
                    if (rnd.nextInt(4) == 0) {
                        for (int i = 0; i < dim; i++) {
                            d[r * dim + i] = 0f;
                        }
                    }
                }
                break;
            default:
                throw new AssertionError();
        }
        return d;
    }

    @Test
    void int8IsIdenticalToFloat32OnRandomAndAdversarialData() {
        SplittableRandom rnd = new SplittableRandom(11);
        int[] dims = {1, 2, 3, 5, 8, 9, 16, 31, 64, 100, 128, 255, 512, 768, 1024};
        int cases = 0;
        int fallbacks = 0;
        long candidates = 0;
        for (int dim : dims) {
            int rows = dim <= 128 ? 3000 : 700;
            for (Shape shape : Shape.values()) {
                CatalogMatrix m = new CatalogMatrix(generate(shape, rnd, rows, dim), rows, dim);
                QuantizedCatalog qc = new QuantizedCatalog(m);
                for (int qi = 0; qi < 2; qi++) {
                    float[] q;
                    if (qi == 0) {
                        q = TestData.gaussian(rnd, dim, shape == Shape.WILD_NORMS ? 1e6 : 1);
                    } else {
                        q = m.row(rnd.nextInt(rows)); // query equal to a catalog row: exact ties with duplicates
                    }
                    for (Metric metric : Metric.values()) {
                        for (int k : new int[] {1, 10, 1000}) {
                            int mod = 2 + rnd.nextInt(7);
                            IntPredicate ex = (k + qi) % 2 == 0 ? null : r -> r % mod == 0;
                            SearchResult expected = TestData.exact(kernel, 1, null).topK(m, q, metric, k, ex);
                            TopKOutcome got = int8TopK(qc, q, metric, k, ex, 1, null, 0);
                            assertEquals(expected, got.result(), () -> shape + " dim " + dim + " " + metric + " k " + k);
                            assertTrue(got.candidates() >= got.result().size());
                            if (got.fallback()) {
                                fallbacks++;
                            } else {
                                candidates += got.candidates();
                            }
                            cases++;
                        }
                    }
                }
            }
        }
        assertTrue(cases >= 900, "cases " + cases);
        assertTrue(fallbacks < cases / 4, "too many fallbacks: " + fallbacks + " of " + cases);
        System.out.println("int8 property test: " + cases + " cases, " + fallbacks + " fallbacks, mean candidates "
                + candidates / Math.max(1, cases - fallbacks));
    }

    @Test
    void clusteredCatalogsAreExactAtAnyDim() {
        SplittableRandom rnd = new SplittableRandom(12);
        for (int dim : new int[] {1, 7, 64, 129}) {
            int rows = 2000;
            CatalogMatrix m = new CatalogMatrix(generate(Shape.CLUSTERED, rnd, rows, dim), rows, dim);
            QuantizedCatalog qc = new QuantizedCatalog(m);
            float[] q = TestData.gaussian(rnd, dim, 1);
            for (Metric metric : Metric.values()) {
                for (int k : new int[] {1, 10, 1000}) {
                    assertEquals(TestData.exact(kernel, 1, null).topK(m, q, metric, k, null),
                            int8TopK(qc, q, metric, k, null, 1, null, 0).result());
                }
            }
        }
    }

    @Test
    void gaussianCatalogPrunesToFewCandidates() {
        SplittableRandom rnd = new SplittableRandom(13);
        int rows = 50_000;
        int dim = 64;
        CatalogMatrix m = new CatalogMatrix(TestData.gaussian(rnd, rows * dim, 1), rows, dim);
        QuantizedCatalog qc = new QuantizedCatalog(m);
        for (Metric metric : Metric.values()) {
            TopKOutcome r = TestData.int8(kernel, 1, null).topK(qc, TestData.gaussian(rnd, dim, 1), metric, 10, null);
            assertFalse(r.fallback());
            assertTrue(r.candidates() < 200, "candidates " + r.candidates());
        }
    }

    @Test
    void allTiesFallBackToFloat32AndStayExact() {
        int rows = 20_000;
        int dim = 16;
        float[] d = new float[rows * dim];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < dim; i++) {
                d[r * dim + i] = 0.25f * (i % 3);
            }
        }
        CatalogMatrix m = new CatalogMatrix(d, rows, dim);
        QuantizedCatalog qc = new QuantizedCatalog(m);
        float[] q = new float[dim];
        java.util.Arrays.fill(q, 1f);
        for (Metric metric : Metric.values()) {
            TopKOutcome r = TestData.int8(kernel, 2, pool, 1000).topK(qc, q, metric, 10, row -> row == 3);
            assertTrue(r.fallback());
            assertTrue(r.fallbackReason().contains("candidate"), r.fallbackReason());
            assertEquals(TestData.exact(kernel, 1, null).topK(m, q, metric, 10, row -> row == 3), r.result());
            assertEquals(new SearchResult(new int[] {0, 1, 2, 4, 5, 6, 7, 8, 9, 10}, r.result().scores()), r.result());
        }
        TopKOutcome z = TestData.int8(kernel, 1, null).topK(qc, new float[dim], Metric.COSINE, 3, null);
        assertTrue(z.fallback());
        assertEquals(new SearchResult(new int[] {0, 1, 2}, new float[] {0, 0, 0}), z.result());
    }

    @Test
    void parallelIsIdenticalIncludingCandidateCount() {
        SplittableRandom rnd = new SplittableRandom(14);
        int rows = 30_001;
        for (int dim : new int[] {5, 64, 128}) {
            CatalogMatrix m = new CatalogMatrix(generate(Shape.CLUSTERED, rnd, rows, dim), rows, dim);
            QuantizedCatalog qc = new QuantizedCatalog(m);
            float[] q = TestData.gaussian(rnd, dim, 1);
            for (Metric metric : Metric.values()) {
                for (int k : new int[] {1, 10, 1000}) {
                    IntPredicate ex = r -> r % 5 == 2;
                    TopKOutcome one = int8TopK(qc, q, metric, k, ex, 1, null, 0);
                    assertEquals(TestData.exact(kernel, 1, null).topK(m, q, metric, k, ex), one.result());
                    for (int p : new int[] {2, 3}) {
                        TopKOutcome par = int8TopK(qc, q, metric, k, ex, p, pool, 1);
                        assertEquals(one, par);
                    }
                }
            }
        }
    }

    /**
     * A batch shares one pass over the codes but must give every query exactly what it gets alone: rows,
     * scores, candidate count and fallback, with one or several tasks. The catalog mixes clustered rows with
     * 6 000 copies of one row, so a query along that row overflows the candidate cap (falls back) while the
     * others in the same batch do not.
     */
    @Test
    void batchGivesEachQueryItsOwnResult() {
        SplittableRandom rnd = new SplittableRandom(31);
        int rows = 20_003;
        int dim = 24;
        float[] d = generate(Shape.CLUSTERED, rnd, rows, dim);
        float[] copy = TestData.gaussian(rnd, dim, 1);
        for (int r = 0; r < 6_000; r++) {
            System.arraycopy(copy, 0, d, (3 * r + 1) * dim, dim);
        }
        CatalogMatrix m = new CatalogMatrix(d, rows, dim);
        QuantizedCatalog qc = new QuantizedCatalog(m);
        float[] negated = copy.clone();
        for (int i = 0; i < dim; i++) {
            negated[i] = -negated[i];
        }
        java.util.List<TopKQuery> queries = new java.util.ArrayList<>();
        queries.add(new TopKQuery(copy, Metric.COSINE, 10, null));                  // overflows: 6 000 ties
        queries.add(new TopKQuery(negated, Metric.COSINE, 10, r -> r % 7 == 0));
        queries.add(new TopKQuery(new float[dim], Metric.COSINE, 3, null));          // zero query: falls back
        for (int i = 0; i < 6; i++) {
            Metric metric = i % 2 == 0 ? Metric.DOT : Metric.COSINE;
            queries.add(new TopKQuery(TestData.gaussian(rnd, dim, 1), metric, new int[] {1, 10, 1000}[i % 3],
                    i == 3 ? r -> r % 2 == 1 : null));
        }
        for (int parallelism : new int[] {1, 3}) {
            java.util.List<TopKOutcome> batch = TestData.int8(kernel, parallelism, pool, 1000).topKBatch(qc, queries);
            assertEquals(queries.size(), batch.size());
            for (int i = 0; i < queries.size(); i++) {
                TopKQuery q = queries.get(i);
                TopKOutcome alone = TestData.int8(kernel, parallelism, pool, 1000).topK(qc, q.query(), q.metric(), q.k(), q.excludedRow());
                assertEquals(alone, batch.get(i), "query " + i + ", parallelism " + parallelism);
                assertEquals(TestData.exact(kernel, 1, null).topK(m, q.query(), q.metric(), q.k(), q.excludedRow()),
                        batch.get(i).result(), "query " + i);
            }
            assertTrue(batch.get(0).fallback() && batch.get(0).fallbackReason().contains("candidate"),
                    String.valueOf(batch.get(0)));
            assertTrue(batch.get(2).fallback());
            assertFalse(batch.get(1).fallback());
            assertTrue(batch.subList(3, batch.size()).stream().filter(r -> !r.fallback()).count() >= 3,
                    "most random queries are answered by the int8 scan");
        }
    }

    /**
     * A row whose residual is aligned with the query: its approximate score understates the exact one by
     * (almost) the full Cauchy-Schwarz bound. Halving the quantisation term (the analogue of using s_r/4
     * instead of s_r/2) prunes the true winner; the real bound keeps it.
     */
    @Test
    void tooTightBoundSelectsTheWrongAnswer() {
        // row A = (1, t) with L*t/|A|/s just below a rounding midpoint: the code rounds down by ~0.5 s
        float t = (float) ((40 + 0.4999) / 127.0);
        float[] a = {1f, t};
        float na = CatalogMatrix.l2Norm(a);
        float s = (1f / na) / 127f;
        float err = (float) (a[1] / na - s * Math.round((a[1] / na) / s)) * na; // ~0.5 s na
        assertTrue(err > 0.45f * s * na, "construction: err " + err);
        // row B = (0, t - delta) with an exact encoding (a unit kernel), slightly below A on query (0, 1)
        float delta = 0.25f * err;
        // B first, zero rows, then A in the next chunk: the threshold from B is known when A's block is tested
        int rowA = 8 * Int8Search.CHUNK_BLOCKS;
        float[] data = new float[2 * (rowA + 1)];
        data[1] = t - delta;
        data[2 * rowA] = a[0];
        data[2 * rowA + 1] = a[1];
        CatalogMatrix m = new CatalogMatrix(data, rowA + 1, 2);
        float[] q = {0f, 1f};
        SearchResult exact = TestData.exact(kernel, 1, null).topK(m, q, Metric.DOT, 1, null);
        assertEquals(rowA, exact.rows()[0]);
        TopKOutcome right = TestData.int8(kernel, 1, null).topK(new QuantizedCatalog(m), q, Metric.DOT, 1, null);
        assertEquals(exact, right.result());
        TopKOutcome wrong = TestData.int8(kernel, 1, null).topK(new QuantizedCatalog(m, 0.5, true), q, Metric.DOT, 1, null);
        assertNotEquals(exact, wrong.result());
        assertEquals(0, wrong.result().rows()[0]);
    }

    /**
     * The query's own int8 rounding matters: query (1, t) with t / s_q just below a rounding midpoint, so its
     * code understates t by ~0.5 s_q. Row A = (0, 1) (exact encoding) wins in float32 with score t; row B =
     * (x, 0) with x between A's approximate and exact score. Without the D2 term A's upper bound falls below
     * B's lower bound and the wrong row is returned; with it the answer is exact.
     */
    @Test
    void boundWithoutQueryQuantisationTermSelectsTheWrongAnswer() {
        float t = (float) ((40 + 0.4999) / 127.0);
        float[] q = {1f, t};
        float sq = 1f / 127f;
        float dq = t - sq * Math.round(t / sq);
        assertTrue(dq > 0.45f * sq, "construction: query residual " + dq);
        float approxA = sq * Math.round(t / sq);
        float x = (approxA + t) / 2;
        float[] data = {0f, 1f, x, 0f};
        CatalogMatrix m = new CatalogMatrix(data, 2, 2);
        for (Metric metric : new Metric[] {Metric.DOT}) {
            SearchResult exact = TestData.exact(kernel, 1, null).topK(m, q, metric, 1, null);
            assertEquals(0, exact.rows()[0]);
            TopKOutcome right = TestData.int8(kernel, 1, null).topK(new QuantizedCatalog(m), q, metric, 1, null);
            assertEquals(exact, right.result());
            TopKOutcome wrong = TestData.int8(kernel, 1, null).topK(new QuantizedCatalog(m, 1.0, true, false), q, metric, 1, null);
            assertFalse(wrong.fallback());
            assertEquals(1, wrong.result().rows()[0], "without the query term the bound must prune the winner");
        }
    }

    /**
     * The integer scan is exact: it equals a reference computed from the
     * quantisation rule itself (not from the interleaved layout), any dim.
     */
    @Test
    void integerScanMatchesNaiveReference() {
        SplittableRandom rnd = new SplittableRandom(16);
        for (int dim : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 17, 64, 127, 600, 768}) {
            int rows = 8 * 5 + 3;
            CatalogMatrix m = new CatalogMatrix(TestData.gaussian(rnd, rows * dim, 1), rows, dim);
            QuantizedCatalog qc = new QuantizedCatalog(m);
            float[] qv = TestData.gaussian(rnd, dim, 1);
            QueryCodes codes = QueryCodes.of(qv, qc.paddedDim(), true);
            int dp = qc.paddedDim();
            int[] ref = new int[qc.blocks() * 8];
            for (int r = 0; r < rows; r++) {
                float n = m.norm(r);
                float maxAbs = 0f;
                for (int i = 0; i < dim; i++) {
                    maxAbs = Math.max(maxAbs, Math.abs(m.data()[r * dim + i] / n));
                }
                float s = maxAbs / 127;
                for (int i = 0; i < dim; i++) {
                    int c = Math.max(-127, Math.min(127, Math.round((m.data()[r * dim + i] / n) / s)));
                    ref[r] += c * codes.pairs[(i / 2) * 16 + (i & 1)];
                }
            }
            int[] out = new int[ref.length];
            kernel.int8DotBlocks(qc.codes(), dp, codes.pairs, 0, qc.blocks(), out);
            assertEquals(java.util.Arrays.toString(ref), java.util.Arrays.toString(out), kernel.name() + " dim " + dim);
            int[] tail = new int[16];
            kernel.int8DotBlocks(qc.codes(), dp, codes.pairs, 3, 5, tail);
            assertEquals(java.util.Arrays.toString(java.util.Arrays.copyOfRange(ref, 24, 40)), java.util.Arrays.toString(tail));
        }
    }

    /**
     * The block test may only drop blocks in which no row is a hit: checked against the per-row filter at
     * many thresholds; and at a threshold near the top scores it drops most blocks.
     */
    @Test
    void blockTestNeverDropsABlockWithAHit() {
        SplittableRandom rnd = new SplittableRandom(17);
        int rows = 8 * 400;
        int dim = 64;
        float[] d = TestData.gaussian(rnd, rows * dim, 1);
        for (int r = 0; r < rows; r += 7) { // spread norms so that block maxima differ from the rows
            for (int i = 0; i < dim; i++) {
                d[r * dim + i] *= 3f;
            }
        }
        CatalogMatrix m = new CatalogMatrix(d, rows, dim);
        QuantizedCatalog qc = new QuantizedCatalog(m);
        float[] q = TestData.gaussian(rnd, dim, 1);
        int blocks = qc.blocks();
        for (Metric metric : Metric.values()) {
            float[] qv = q.clone(); // the scan's query: unit-normalised for cosine
            if (metric == Metric.COSINE) {
                float n = CatalogMatrix.l2Norm(q);
                for (int i = 0; i < dim; i++) {
                    qv[i] /= n;
                }
            }
            QueryCodes codes = QueryCodes.of(qv, qc.paddedDim(), true);
            int[] dots = new int[blocks * 8];
            kernel.int8DotBlocks(qc.codes(), qc.paddedDim(), codes.pairs, 0, blocks, dots);
            float q2 = CatalogMatrix.l2Norm(qv) * 1.001f;
            QuantizedCatalog.RowBounds rb = qc.bounds(metric);
            float top = Float.NEGATIVE_INFINITY;
            for (int r = 0; r < rows; r++) {
                top = Math.max(top, Scores.score(kernel, m, r, q, CatalogMatrix.l2Norm(q), metric));
            }
            for (float t : new float[] {Float.NEGATIVE_INFINITY, -top, 0f, 0.5f * top, 0.8f * top, top}) {
                int[] passing = new int[blocks];
                int passed = kernel.int8BlockTest(dots, codes.scale, rb.blockScale, rb.blockW, rb.blockM, 0, blocks, q2, codes.d2, 1e-6f, 0x1p-20f, t, passing);
                java.util.Set<Integer> kept = new java.util.HashSet<>();
                for (int i = 0; i < passed; i++) {
                    kept.add(passing[i]);
                }
                for (int b = 0; b < blocks; b++) {
                    int hits = kernel.int8RowFilter(dots, b * 8, codes.scale, rb.scale, rb.w, rb.m, b, q2, codes.d2, 1e-6f, 0x1p-20f, t,
                            new float[8], new float[8], new int[8]);
                    if (hits > 0) {
                        assertTrue(kept.contains(b), kernel.name() + " " + metric + " t=" + t + " dropped block " + b);
                    }
                }
                if (t == 0.8f * top) {
                    assertTrue(passed < blocks / 4, kernel.name() + " " + metric + ": " + passed + " of " + blocks + " blocks kept");
                }
            }
        }
    }

    /** Codes at the extremes (+-127 against +-127 query codes) overflow neither the short nor the int lanes. */
    @Test
    void extremeCodesDoNotOverflowTheAccumulators() {
        int dim = 1024;
        float[] d = new float[3 * dim];
        for (int i = 0; i < dim; i++) {
            d[i] = 1f;                       // all codes +L
            d[dim + i] = (i % 2 == 0) ? -1f : 1f;
            d[2 * dim + i] = -1f;            // all codes -L
        }
        CatalogMatrix m = new CatalogMatrix(d, 3, dim);
        QuantizedCatalog qc = new QuantizedCatalog(m);
        float[] q = new float[dim];
        java.util.Arrays.fill(q, 1f);
        QueryCodes codes = QueryCodes.of(q, qc.paddedDim(), true);
        int[] out = new int[8];
        kernel.int8DotBlocks(qc.codes(), qc.paddedDim(), codes.pairs, 0, 1, out);
        assertEquals(dim * 127 * 127, out[0], kernel.name());
        assertEquals(0, out[1], kernel.name());
        assertEquals(-dim * 127 * 127, out[2], kernel.name());
    }

    /**
     * One-dimensional rows a few ulps apart: the int8 encoding is exact up to |1 - 127 fl(1/127)| ~ 4e-9, so
     * the quantisation term is far below one float ulp and the ranking is decided by float32 rounding alone.
     * Without the floating-point allowance the bound prunes, for some seeds, the row that wins in float32;
     * with it the answer is always identical.
     */
    @Test
    void boundWithoutRoundingAllowanceFailsOnFloatNearTies() {
        SplittableRandom rnd = new SplittableRandom(15);
        int wrongWithoutAllowance = 0;
        for (int trial = 0; trial < 300; trial++) {
            int rows = 16;
            float base = (float) (0.5 + rnd.nextDouble());
            float[] d = new float[rows];
            for (int r = 0; r < rows; r++) {
                float x = base;
                for (int u = rnd.nextInt(4); u > 0; u--) {
                    x = Math.nextUp(x);
                }
                d[r] = x;
            }
            CatalogMatrix m = new CatalogMatrix(d, rows, 1);
            float[] q = {(float) (0.5 + rnd.nextDouble())};
            SearchResult exact = TestData.exact(kernel, 1, null).topK(m, q, Metric.DOT, 1, null);
            assertEquals(exact, TestData.int8(kernel, 1, null).topK(new QuantizedCatalog(m), q, Metric.DOT, 1, null).result());
            TopKOutcome loose = TestData.int8(kernel, 1, null).topK(new QuantizedCatalog(m, 1.0, false), q, Metric.DOT, 1, null);
            if (!exact.equals(loose.result())) {
                wrongWithoutAllowance++;
            }
        }
        assertTrue(wrongWithoutAllowance > 0, "expected the bound without rounding allowance to fail at least once");
        System.out.println("no-allowance bound wrong in " + wrongWithoutAllowance + "/300 trials");
    }

    /**
     * Underflow, where the relative error model of the bound does not hold. Cosine: with query and row near
     * 1e-20 and 1e-30 the float32 products underflow to 0, so the exact cosine is 0 where the real one is -1
     * (the int8 estimate): above a row at -0.05. DOT over subnormal rows: the scale n_r s_r is subnormal and
     * carries an absolute rounding error of up to 10%. Both answered exactly.
     */
    @Test
    void underflowingProductsAndSubnormalRowsStayExact() {
        float[] d = {1e-30f, 1e-30f, 1f, -0.9f, 1f, -0.8f};
        CatalogMatrix tiny = new CatalogMatrix(d, 3, 2);
        float[] q = {-1e-20f, -1e-20f};
        SearchResult exact = TestData.exact(kernel, 1, null).topK(tiny, q, Metric.COSINE, 1, null);
        assertEquals(0, exact.rows()[0], "construction: the underflowed cosine (0) wins");
        assertEquals(exact, int8TopK(new QuantizedCatalog(tiny), q, Metric.COSINE, 1, null, 1, null, 0).result());
        SplittableRandom rnd = new SplittableRandom(18);
        for (int t = 0; t < 300; t++) {
            int rows = 30;
            int dim = 3;
            float[] sub = new float[rows * dim];
            for (int i = 0; i < sub.length; i++) {
                sub[i] = (rnd.nextInt(1200) - 100) * 0x1p-149f;
            }
            CatalogMatrix m = new CatalogMatrix(sub, rows, dim);
            float[] big = {1e36f, (float) (1e36 * rnd.nextDouble()), (float) (1e36 * rnd.nextDouble())};
            int k = 1 + t % 3;
            assertEquals(TestData.exact(kernel, 1, null).topK(m, big, Metric.DOT, k, null),
                    int8TopK(new QuantizedCatalog(m), big, Metric.DOT, k, null, 1, null, 0).result(), "trial " + t);
        }
    }

    @Test
    void kOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> TestData.int8(kernel, 1, null).topK(new QuantizedCatalog(new CatalogMatrix(new float[4], 2, 2)), new float[2], Metric.DOT, 0, null));
    }

    /**
     * A mask restricts the int8 answer exactly too: rows outside it are never candidates, whether the search
     * scans (wide masks) or gathers (narrow ones), alone, in a batch and split across threads.
     */
    @Test
    void maskedSearchEqualsFullSortOfTheMaskedRows() {
        SplittableRandom rnd = new SplittableRandom(43);
        int cases = 0;
        for (Shape shape : new Shape[] {Shape.GAUSSIAN, Shape.CLUSTERED, Shape.DUPLICATED}) {
            int dim = 1 + rnd.nextInt(70);
            int rows = 4000 + rnd.nextInt(4000);
            CatalogMatrix m = new CatalogMatrix(generate(shape, rnd, rows, dim), rows, dim);
            QuantizedCatalog qc = new QuantizedCatalog(m);
            float[] q = TestData.gaussian(rnd, dim, 1);
            java.util.List<TopKQuery> batch = new java.util.ArrayList<>();
            java.util.List<SearchResult> expectedBatch = new java.util.ArrayList<>();
            for (double density : TestData.DENSITIES) {
                RowMask mask = TestData.randomMask(rnd, rows, density);
                IntPredicate excluded = rnd.nextBoolean() ? null : r -> r % 3 == 1;
                for (Metric metric : Metric.values()) {
                    for (int k : new int[] {1, 10, 100}) {
                        SearchResult expected = TestData.fullSort(m, q, metric, k,
                                r -> !mask.contains(r) || (excluded != null && excluded.test(r)), kernel);
                        TopKQuery query = new TopKQuery(q, metric, k, excluded, mask);
                        TopKOutcome alone = int8Batch(qc, java.util.List.of(query), 1, null, 0).get(0);
                        assertEquals(expected, alone.result(), shape + " density " + density + " " + metric + " k=" + k);
                        assertTrue(alone.candidates() <= Math.max(mask.count(), 0) || alone.fallback(),
                                "candidates " + alone.candidates() + " outside a mask of " + mask.count());
                        assertEquals(alone, int8Batch(qc, java.util.List.of(query), 2, pool, 1000).get(0));
                        batch.add(query);
                        expectedBatch.add(expected);
                        cases++;
                    }
                }
            }
            java.util.List<TopKOutcome> together = int8Batch(qc, batch, 1, null, 0);
            for (int i = 0; i < batch.size(); i++) {
                assertEquals(expectedBatch.get(i), together.get(i).result(), "batched query " + i);
            }
        }
        assertTrue(cases >= 100, "cases " + cases);
    }
}
