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
 * @param spaces          the models the rows keep vectors of, and their dimensions, when the last read began
 *                        ({@code default} at 0: the store kept none yet)
 */
record CatalogRows(Catalog snapshot, FacetCodes codes, byte[][] facetCodes, long since, long fullLoadAt,
        Map<String, Integer> spaces) {

    static CatalogRows of(CatalogBuilder.Built built, FacetCodes codes, long since, long fullLoadAt,
                          Map<String, Integer> spaces) {
        return new CatalogRows(built.catalog(), codes, built.facetCodes(), since, fullLoadAt, Map.copyOf(spaces));
    }

    /** The same rows, read up to {@code readStarted} under {@code next} (a new split, say). */
    CatalogRows advancedTo(long readStarted, Catalog next) {
        return new CatalogRows(next, codes, facetCodes, readStarted, fullLoadAt, spaces);
    }

    /**
     * The rows with the changes applied ({@code null} row: deleted), ready to build in the given models and
     * dimensions (the store's); null when every change read equals what the snapshot holds (rows re-read because
     * of the overlap window usually do) and the models are the snapshot's.
     */
    RowBuffer apply(List<Map.Entry<String, CatalogBuilder.Row>> changes, Map<String, Integer> dimensions) {
        Map<String, CatalogBuilder.Row> latest = new LinkedHashMap<>();
        changes.forEach(change -> latest.put(change.getKey(), change.getValue()));
        if (dimensions.equals(spaces)
                && latest.entrySet().stream().allMatch(change -> holds(change.getKey(), change.getValue(), dimensions))) {
            return null;
        }
        RowBuffer rows = new RowBuffer(codes, dimensions);
        for (int r = 0; r < snapshot.size(); r++) {
            if (!latest.containsKey(snapshot.itemIds()[r])) {
                rows.addFrom(snapshot, r, facetCodes[r]);
            }
        }
        latest.values().stream().filter(Objects::nonNull).forEach(rows::add);
        return rows;
    }

    /**
     * Whether the snapshot already holds this change: the same row, no row for a delete, or no row for an item
     * without a vector of a model's dimension (a build leaves it out).
     */
    private boolean holds(String itemId, CatalogBuilder.Row change, Map<String, Integer> dimensions) {
        Integer row = snapshot.rowOf(itemId);
        boolean kept = change != null && dimensions.entrySet().stream()
                .anyMatch(model -> fits(change.vectors().get(model.getKey()), model.getValue()));
        if (!kept) {
            return row == null;
        }
        if (row == null) {
            return false;
        }
        for (String model : dimensions.keySet()) {
            Embeddings embeddings = snapshot.embeddings(model);
            float[] vector = change.vectors().get(model);
            boolean has = embeddings != null && fits(vector, embeddings.dimension());
            if (embeddings == null ? fits(vector, dimensions.get(model)) : has != embeddings.has(row)) {
                return false;
            }
            int dimension = has ? embeddings.dimension() : 0;
            int from = has ? embeddings.offset(row) : 0;
            if (has && !Arrays.equals(embeddings.matrix().data(), from, from + dimension, vector, 0, dimension)) {
                return false;
            }
        }
        return Objects.equals(snapshot.titles()[row], change.title() == null ? "" : change.title())
                && Arrays.equals(facetCodes[row], codes.encode(change.facets()));
    }

    /** Whether a vector fits a model of {@code dimension} (0: a store that keeps none yet, any length). */
    private static boolean fits(float[] vector, int dimension) {
        return vector != null && vector.length > 0 && (dimension == 0 || vector.length == dimension);
    }
}
