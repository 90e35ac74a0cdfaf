package com.example.profiles.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an incremental refresh starts from: every stored item of the snapshot as a whole
 * {@link CatalogBuilder.Row} (items of another dimension included, so that a rebuild leaves out exactly what a
 * full load leaves out), and the times the snapshot's reads started. Owned by one refresh at a time.
 *
 * @param rows            by item id
 * @param since           pod time (epoch ms) at which the last successful read of the store began
 * @param fullLoadAt      pod time at which the last full load began
 * @param storedDimension the manifest's dimension when the last read began (0: none)
 */
record CatalogRows(Map<String, CatalogBuilder.Row> rows, long since, long fullLoadAt, int storedDimension) {

    CatalogRows advancedTo(long readStarted, int dimension) {
        return new CatalogRows(rows, readStarted, fullLoadAt, dimension);
    }

    /**
     * Applies changed rows ({@code null} row: deleted) in place; true when any of them differs from what the
     * snapshot holds (rows re-read because of the overlap window usually do not).
     */
    boolean apply(List<Map.Entry<String, CatalogBuilder.Row>> changes) {
        boolean changed = false;
        for (Map.Entry<String, CatalogBuilder.Row> change : changes) {
            CatalogBuilder.Row row = change.getValue();
            if (row == null) {
                changed |= rows.remove(change.getKey()) != null;
            } else {
                changed |= !same(rows.put(change.getKey(), row), row);
            }
        }
        return changed;
    }

    static boolean same(CatalogBuilder.Row a, CatalogBuilder.Row b) {
        return a != null && b != null
                && a.itemId().equals(b.itemId())
                && Objects.equals(a.title(), b.title())
                && Arrays.equals(a.embedding(), b.embedding())
                && a.facets().equals(b.facets());
    }
}
