package com.example.profiles.catalog;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an incremental refresh starts from: the snapshot itself (its matrix, ids and titles are the rows'
 * embeddings, ids and titles: no second copy), each row's facets as a few bytes, the stored items of another
 * dimension (so that a rebuild leaves out exactly what a full load leaves out), and the times the snapshot's
 * reads started. Owned by one refresh at a time.
 *
 * @param snapshot        the catalog the rows were built into
 * @param facetCodes      the snapshot's facets, row for row
 * @param strays          stored items the snapshot left out for their dimension, by item id
 * @param since           pod time (epoch ms) at which the last successful read of the store began
 * @param fullLoadAt      pod time at which the last full load began
 * @param storedDimension the manifest's dimension when the last read began (0: none)
 */
record CatalogRows(Catalog snapshot, FacetCodes codes, byte[][] facetCodes, Map<String, CatalogBuilder.Row> strays,
        long since, long fullLoadAt, int storedDimension) {

    static CatalogRows of(CatalogBuilder.Built built, FacetCodes codes, long since, long fullLoadAt, int storedDimension) {
        Map<String, CatalogBuilder.Row> strays = new HashMap<>();
        built.strays().forEach(row -> strays.put(row.itemId(), row));
        return new CatalogRows(built.catalog(), codes, built.facetCodes(), strays, since, fullLoadAt, storedDimension);
    }

    CatalogRows advancedTo(long readStarted, int dimension) {
        return new CatalogRows(snapshot, codes, facetCodes, strays, readStarted, fullLoadAt, dimension);
    }

    /**
     * The rows with the changes applied ({@code null} row: deleted), ready to build; null when every change
     * read equals what the snapshot holds (rows re-read because of the overlap window usually do).
     */
    RowBuffer apply(List<Map.Entry<String, CatalogBuilder.Row>> changes) {
        Map<String, CatalogBuilder.Row> latest = new LinkedHashMap<>();
        changes.forEach(change -> latest.put(change.getKey(), change.getValue()));
        if (latest.entrySet().stream().allMatch(change -> holds(change.getKey(), change.getValue()))) {
            return null;
        }
        RowBuffer rows = new RowBuffer(codes, snapshot.dimension());
        float[] data = snapshot.size() == 0 ? null : snapshot.matrix().data();
        int dimension = snapshot.dimension();
        for (int r = 0; r < snapshot.size(); r++) {
            String id = snapshot.itemIds()[r];
            if (!latest.containsKey(id)) {
                rows.add(id, snapshot.titles()[r], data, r * dimension, facetCodes[r]);
            }
        }
        strays.values().stream().filter(row -> !latest.containsKey(row.itemId())).forEach(rows::add);
        latest.values().stream().filter(Objects::nonNull).forEach(rows::add);
        return rows;
    }

    /** Whether the snapshot already holds this change: the same row, or no row for a delete. */
    private boolean holds(String itemId, CatalogBuilder.Row change) {
        Integer row = snapshot.rowOf(itemId);
        CatalogBuilder.Row stray = strays.get(itemId);
        if (change == null) {
            return row == null && stray == null;
        }
        if (stray != null) {
            return same(stray, change);
        }
        if (row == null) {
            return false;
        }
        int dimension = snapshot.dimension();
        float[] embedding = change.embedding();
        int from = row * dimension;
        return embedding != null && embedding.length == dimension
                && Arrays.equals(snapshot.matrix().data(), from, from + dimension, embedding, 0, dimension)
                && Objects.equals(snapshot.titles()[row], change.title() == null ? "" : change.title())
                && Arrays.equals(facetCodes[row], codes.encode(change.facets()));
    }

    static boolean same(CatalogBuilder.Row a, CatalogBuilder.Row b) {
        return a.itemId().equals(b.itemId())
                && Objects.equals(a.title(), b.title())
                && Arrays.equals(a.embedding(), b.embedding())
                && a.facets().equals(b.facets());
    }
}
