package com.example.profiles.catalog;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an incremental refresh starts from: the snapshot itself (its matrix, ids and titles are the rows'
 * embeddings, ids and titles: no second copy), each row's facets as a few bytes, and the times the snapshot's
 * reads started. Owned by one refresh at a time.
 *
 * @param snapshot        the catalog the rows were built into
 * @param facetCodes      the snapshot's facets, row for row
 * @param since           pod time (epoch ms) at which the last successful read of the store began
 * @param fullLoadAt      pod time at which the last full load began
 * @param storedDimension the manifest's dimension when the last read began (0: none)
 */
record CatalogRows(Catalog snapshot, FacetCodes codes, byte[][] facetCodes, long since, long fullLoadAt,
        int storedDimension) {

    static CatalogRows of(CatalogBuilder.Built built, FacetCodes codes, long since, long fullLoadAt, int storedDimension) {
        return new CatalogRows(built.catalog(), codes, built.facetCodes(), since, fullLoadAt, storedDimension);
    }

    CatalogRows advancedTo(long readStarted, int dimension) {
        return new CatalogRows(snapshot, codes, facetCodes, readStarted, fullLoadAt, dimension);
    }

    /**
     * The rows with the changes applied ({@code null} row: deleted), ready to build in {@code dimension} (the
     * store's); null when every change read equals what the snapshot holds (rows re-read because of the overlap
     * window usually do).
     */
    RowBuffer apply(List<Map.Entry<String, CatalogBuilder.Row>> changes, int dimension) {
        Map<String, CatalogBuilder.Row> latest = new LinkedHashMap<>();
        changes.forEach(change -> latest.put(change.getKey(), change.getValue()));
        if (latest.entrySet().stream().allMatch(change -> holds(change.getKey(), change.getValue()))) {
            return null;
        }
        RowBuffer rows = new RowBuffer(codes, dimension);
        float[] data = snapshot.size() == 0 ? null : snapshot.embeddings().matrix().data();
        int width = snapshot.dimension();
        for (int r = 0; r < snapshot.size(); r++) {
            String id = snapshot.itemIds()[r];
            if (!latest.containsKey(id)) {
                rows.add(id, snapshot.titles()[r], data, r * width, facetCodes[r]);
            }
        }
        latest.values().stream().filter(Objects::nonNull).forEach(rows::add);
        return rows;
    }

    /**
     * Whether the snapshot already holds this change: the same row, no row for a delete, or no row for an item
     * of another dimension (a build leaves it out).
     */
    private boolean holds(String itemId, CatalogBuilder.Row change) {
        Integer row = snapshot.rowOf(itemId);
        int dimension = snapshot.dimension();
        float[] embedding = change == null ? null : change.embedding();
        if (change == null || embedding == null || (dimension > 0 && embedding.length != dimension)) {
            return row == null;
        }
        if (row == null) {
            return false;
        }
        int from = row * dimension;
        return Arrays.equals(snapshot.embeddings().matrix().data(), from, from + dimension, embedding, 0, dimension)
                && Objects.equals(snapshot.titles()[row], change.title() == null ? "" : change.title())
                && Arrays.equals(facetCodes[row], codes.encode(change.facets()));
    }
}
