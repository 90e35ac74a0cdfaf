package com.example.profiles.kernel;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.IntPredicate;

/**
 * A test catalog in item-id order (row = id rank) laid out cluster by cluster as the service would store it:
 * rows permuted by {@link ClusterLayout}, tie ranks = the source rows, a {@link ClusterIndex}. Queries (masks,
 * exclusions) are mapped onto the layout and answers back to source rows, so a search on the layout can be
 * compared with a reference on the source matrix: it must give the same rows, order and float bits.
 */
final class ClusteredFixture {

    /** Cluster counts cycled through as fixtures are made: sqrt(N), one cluster, one row per cluster, ... */
    private static final double[] CLUSTER_CHOICES = {0.5, 0, 1, 1.0 / 3, 0.4};
    private static final Map<Object, ClusteredFixture> CACHE = new WeakHashMap<>();
    private static int made;

    final CatalogMatrix source;
    final CatalogMatrix matrix;
    final int[] order;
    final ClusterIndex index;
    private QuantizedCatalog quantized;

    ClusteredFixture(CatalogMatrix source, int[] clusterOfRow, int clusters) {
        this(source, clusterOfRow, clusters, true);
    }

    /** @param allowance false: bounds without any rounding allowance ({@link ClusterIndex#withoutAllowance}) */
    ClusteredFixture(CatalogMatrix source, int[] clusterOfRow, int clusters, boolean allowance) {
        this.source = source;
        int rows = source.rows();
        int dim = source.dim();
        ClusterLayout layout = ClusterLayout.of(clusterOfRow, clusters);
        this.order = layout.order();
        float[] data = source.data().clone();
        ClusterLayout.permuteRows(data, dim, order);
        this.matrix = new CatalogMatrix(data, rows, dim, order.clone());
        this.index = allowance ? ClusterIndex.of(matrix, layout.starts())
                : ClusterIndex.withoutAllowance(matrix, layout.starts());
    }

    /** Clusters from {@link ClusterModel#fit}, their count cycling through sqrt(N), 1, N, N^(1/3), N^0.4. */
    static synchronized ClusteredFixture of(CatalogMatrix source, ScoringKernel kernel) {
        return CACHE.computeIfAbsent(source, s -> {
            double p = CLUSTER_CHOICES[made++ % CLUSTER_CHOICES.length];
            int rows = source.rows();
            int clusters = Math.max(1, (int) Math.round(Math.pow(rows, p)));
            if (clusters > 2000) {
                clusters = (int) Math.round(4 * Math.sqrt(rows)); // one row per cluster only on small catalogs
            }
            return fitted(source, kernel, clusters, 7);
        });
    }

    /** The same for an int8 catalog: the layout's own int8 catalog is built from the laid-out matrix. */
    static ClusteredFixture of(QuantizedCatalog qc, ScoringKernel kernel) {
        return of(qc.matrix(), kernel);
    }

    static ClusteredFixture fitted(CatalogMatrix source, ScoringKernel kernel, int clusters, long seed) {
        int rows = source.rows();
        if (rows == 0) {
            return new ClusteredFixture(source, new int[0], 1);
        }
        ClusterModel.Fit fit = ClusterModel.fit(source.data(), rows, source.dim(), clusters, seed, kernel, 1, null);
        return new ClusteredFixture(source, fit.clusterOfRow(), fit.model().clusters());
    }

    synchronized QuantizedCatalog quantized() {
        if (quantized == null) {
            quantized = new QuantizedCatalog(matrix);
        }
        return quantized;
    }

    /** The query over source rows as a query over laid-out rows. */
    TopKQuery toLayout(TopKQuery q) {
        IntPredicate ex = q.excludedRow();
        IntPredicate mapped = ex == null ? null : r -> ex.test(order[r]);
        RowMask mask = null;
        if (q.mask() != null) {
            long[] words = new long[(matrix.rows() + 63) >>> 6];
            for (int r = 0; r < matrix.rows(); r++) {
                if (q.mask().contains(order[r])) {
                    words[r >>> 6] |= 1L << r;
                }
            }
            mask = new RowMask(words, q.mask().count());
        }
        return new TopKQuery(q.query(), q.metric(), q.k(), mapped, mask);
    }

    /** An answer over laid-out rows as source rows (scores unchanged). */
    SearchResult toSource(SearchResult r) {
        int[] rows = new int[r.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = order[r.rows()[i]];
        }
        return new SearchResult(rows, r.scores());
    }

    /** The answer of a pruned search forced past the planner (over int8 codes when {@code int8}), in source rows. */
    TopKOutcome pruned(ScoringKernel kernel, TopKQuery q, boolean int8) {
        PrunedSearch s = new PrunedSearch(kernel, new RowChunks(1, null, RowChunks.MIN_ROWS_PER_TASK), true);
        return toSource(s.search(index, int8 ? quantized() : null, toLayout(q)));
    }

    TopKOutcome toSource(TopKOutcome o) {
        return new TopKOutcome(toSource(o.result()), o.candidates(), o.fallback(), o.fallbackReason(), o.scan(),
                o.scanned(), o.clustersPruned());
    }
}
