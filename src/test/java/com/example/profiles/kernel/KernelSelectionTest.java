package com.example.profiles.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Kernel selection, and what the two implementations must agree on. */
class KernelSelectionTest {

    static ScoringKernel vector;
    static final ScoringKernel scalar = ScalarKernel.INSTANCE;

    @BeforeAll
    static void setUp() {
        vector = TestData.vector();
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
                        SearchResult rs = TestData.exact(scalar, 1, null).topK(m, q, metric, k, null);
                        SearchResult rv = TestData.exact(vector, 1, null).topK(m, q, metric, k, null);
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
}
