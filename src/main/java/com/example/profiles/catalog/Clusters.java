package com.example.profiles.catalog;

import java.util.function.IntPredicate;

import com.example.profiles.kernel.ClusterIndex;
import com.example.profiles.kernel.ClusterModel;
import com.example.profiles.kernel.RowMask;
import com.example.profiles.kernel.SearchResult;
import com.example.profiles.kernel.TopKOutcome;
import com.example.profiles.kernel.TopKQuery;

/**
 * The clusters of one model's embeddings: the matrix is laid out cluster by cluster (layout rows), while the
 * rest of the snapshot (ids, facets, masks, answers) speaks in catalog rows (item-id order). The layout's tie
 * ranks are the catalog rows, so a search on the layout breaks ties as one on the catalog would; this class
 * translates a query into layout rows and an answer back.
 *
 * @param index      per-cluster score bounds over the laid-out matrix
 * @param model      the centroids an incremental refresh assigns new rows with
 * @param inverse    {@code inverse[catalogRow]}: where the row went in the layout
 * @param fittedRows how many rows the model was fitted on (a catalog grown far past it is refitted)
 * @param assigned   rows assigned to their nearest centroid since the fit (new or changed items)
 * @param absent     the cluster holding the rows without a vector in this model (never candidates), or -1
 */
public record Clusters(ClusterIndex index, ClusterModel model, int[] inverse, int fittedRows, int assigned,
                       int absent) {

    /** {@code order[layoutRow]}: the catalog row laid out there (the matrix's tie ranks). */
    public int[] order() {
        return index.matrix().tieRanks();
    }

    /** Where a catalog row's vector is in the laid-out matrix. */
    public int layoutRow(int catalogRow) {
        return inverse[catalogRow];
    }

    /** The cluster a catalog row belongs to. */
    public int clusterOf(int catalogRow) {
        return index.clusterOf(inverse[catalogRow]);
    }

    /**
     * The query over layout rows. Exclusions are mapped row by row when tested; a mask is rebuilt in layout
     * order from whichever side is smaller (its rows, or the rows it leaves out), so the cost follows the mask's
     * size or its complement's, like the filter evaluation or walk that made it.
     */
    public TopKQuery toLayout(TopKQuery q) {
        int[] order = order();
        IntPredicate excluded = q.excludedRow();
        IntPredicate mapped = excluded == null ? null : r -> excluded.test(order[r]);
        RowMask mask = q.mask() == null ? null : toLayout(q.mask());
        return new TopKQuery(q.query(), q.metric(), q.k(), mapped, mask);
    }

    RowMask toLayout(RowMask mask) {
        int rows = inverse.length;
        if (mask.count() <= rows / 2) {
            long[] words = new long[RowMask.wordCount(rows)];
            forEachRow(mask.words(), false, rows, r -> words[inverse[r] >>> 6] |= 1L << inverse[r]);
            return new RowMask(words, mask.count());
        }
        long[] words = RowMask.all(rows).words();
        forEachRow(mask.words(), true, rows, r -> words[inverse[r] >>> 6] &= ~(1L << inverse[r]));
        return new RowMask(words, mask.count());
    }

    /** Calls {@code action} for each row whose bit is set ({@code complement}: clear) among {@code rows}. */
    private static void forEachRow(long[] words, boolean complement, int rows, java.util.function.IntConsumer action) {
        for (int i = 0; i < words.length; i++) {
            long w = complement ? ~words[i] : words[i];
            if (complement && i == words.length - 1 && (rows & 63) != 0) {
                w &= (1L << rows) - 1;
            }
            while (w != 0) {
                action.accept((i << 6) + Long.numberOfTrailingZeros(w));
                w &= w - 1;
            }
        }
    }

    /** An answer over layout rows as catalog rows (scores and counts unchanged). */
    public TopKOutcome toCatalog(TopKOutcome o) {
        int[] order = order();
        SearchResult r = o.result();
        int[] rows = new int[r.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = order[r.rows()[i]];
        }
        return new TopKOutcome(new SearchResult(rows, r.scores()), o.candidates(), o.fallback(), o.fallbackReason(),
                o.scan(), o.scanned(), o.clustersPruned());
    }

    /** Heap beyond the matrix: the two row maps, the bounds and the model's centroids. */
    public long bytes() {
        return 8L * inverse.length + index.bytes() + 8L * model.clusters() * model.dim();
    }
}
