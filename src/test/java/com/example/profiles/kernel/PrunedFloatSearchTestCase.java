package com.example.profiles.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

/**
 * Every float32 search case of {@link FloatSearchTestCase}, answered by {@link PrunedSearch} on a clustered
 * layout of the test catalog ({@link ClusteredFixture}: rows permuted, tie ranks = item-id order) and mapped back:
 * the answer must equal the brute force on the id-ordered catalog, bit for bit. Each query runs twice, with
 * pruning forced (the bounds and the walk decide everything) and through the planner (which may decline); both
 * must agree.
 */
abstract class PrunedFloatSearchTestCase extends FloatSearchTestCase {

    @Override
    TopKOutcome search(CatalogMatrix m, TopKQuery q, int parallelism, ExecutorService pool, int minRowsPerTask) {
        ClusteredFixture f = ClusteredFixture.of(m, kernel);
        TopKQuery onLayout = f.toLayout(q);
        RowChunks chunks = new RowChunks(parallelism, pool, minRowsPerTask > 0 ? minRowsPerTask : RowChunks.MIN_ROWS_PER_TASK);
        TopKOutcome forced = new PrunedSearch(kernel, chunks, true).search(f.index, onLayout);
        TopKOutcome planned = new PrunedSearch(kernel, chunks, false).search(f.index, onLayout);
        assertEquals(forced.result(), planned.result(), "the planner's choice must not change the answer");
        if (m.rows() > 0 && CatalogMatrix.l2Norm(q.query()) > 0) {
            assertEquals(ScanStrategy.PRUNED, forced.scan());
        }
        return f.toSource(forced);
    }

    /** Kernel primitives: covered by the plain subclasses, nothing to prune. */
    @Override
    void dotRowsIsBitIdenticalToDot() {
    }

    /** Kernel primitives: covered by the plain subclasses, nothing to prune. */
    @Override
    void dotWithinProvenRoundingBound() {
    }

    @Test
    @Override
    void validatesArguments() {
        CatalogMatrix m = new CatalogMatrix(new float[4], 2, 2);
        ClusterIndex index = ClusterIndex.of(m, new int[] {0, 2});
        PrunedSearch s = new PrunedSearch(kernel, 1, null);
        assertThrows(IllegalArgumentException.class, () -> s.search(index, new TopKQuery(new float[2], Metric.DOT, 0, null)));
        assertThrows(IllegalArgumentException.class, () -> s.search(index, new TopKQuery(new float[2], Metric.DOT, 1001, null)));
        assertThrows(IllegalArgumentException.class, () -> s.search(index, new TopKQuery(new float[3], Metric.DOT, 1, null)));
        QuantizedCatalog other = new QuantizedCatalog(new CatalogMatrix(new float[4], 2, 2));
        assertThrows(IllegalArgumentException.class, () -> s.search(index, other, new TopKQuery(new float[2], Metric.DOT, 1, null)));
        assertThrows(IllegalArgumentException.class, () -> ClusterIndex.of(m, new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> ClusterIndex.of(m, new int[] {0, 2, 1, 2}));
        assertThrows(IllegalArgumentException.class, () -> new PrunedSearch(null, 1, null));
        assertThrows(IllegalArgumentException.class, () -> new CatalogMatrix(new float[4], 2, 2, new int[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> new CatalogMatrix(new float[4], 2, 2, new int[] {0, 2}));
        assertThrows(IllegalArgumentException.class, () -> new CatalogMatrix(new float[4], 2, 2, new int[] {0}));
    }
}
