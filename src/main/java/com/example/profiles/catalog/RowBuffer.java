package com.example.profiles.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The rows of one catalog build as they arrive, without an object per row: embeddings of the catalog's
 * dimension (the store's, see {@link CatalogManifest}) appended to fixed-size float chunks, facets as
 * {@link FacetCodes}. Rows of another dimension or without an embedding are left out and counted.
 * {@link #drainSorted} turns the chunks into one row-major matrix sorted by item id, releasing each chunk once
 * copied, so a build never holds much more than one extra copy of the embeddings.
 */
final class RowBuffer {

    private static final int CHUNK_ROWS = 16_384;

    private final FacetCodes codes;
    private int dimension;
    private final List<float[]> chunks = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private final List<String> titles = new ArrayList<>();
    private final List<byte[]> facetCodes = new ArrayList<>();
    private int skipped;

    /** @param dimension the dimension rows must have; 0: the first embedding's (a store that keeps none yet) */
    RowBuffer(FacetCodes codes, int dimension) {
        this.codes = codes;
        this.dimension = dimension;
    }

    FacetCodes codes() {
        return codes;
    }

    /** The dimension of the rows kept in the chunks (0 while none came). */
    int dimension() {
        return dimension;
    }

    /** Rows kept in the chunks. */
    int size() {
        return ids.size();
    }

    /** Rows left out for another dimension or no embedding. */
    int skipped() {
        return skipped;
    }

    void add(CatalogBuilder.Row row) {
        float[] embedding = row.embedding();
        if (dimension == 0 && embedding != null && embedding.length > 0) {
            dimension = embedding.length;
        }
        if (embedding == null || embedding.length != dimension) {
            skipped++;
            return;
        }
        add(row.itemId(), row.title(), embedding, 0, codes.encode(row.facets()));
    }

    /** Adds a row of the buffer's dimension from {@code source[offset..]} (a snapshot's matrix, say). */
    void add(String itemId, String title, float[] source, int offset, byte[] facetCode) {
        int row = ids.size();
        if (row % CHUNK_ROWS == 0) {
            chunks.add(new float[CHUNK_ROWS * dimension]);
        }
        System.arraycopy(source, offset, chunks.get(row / CHUNK_ROWS), (row % CHUNK_ROWS) * dimension, dimension);
        ids.add(itemId);
        titles.add(title == null ? "" : title);
        facetCodes.add(facetCode);
    }

    /** The rows sorted by item id. */
    record Sorted(float[] data, String[] ids, String[] titles, byte[][] facetCodes, int dimension) {

        Map<String, Object> facets(FacetCodes codes, int row) {
            return codes.decode(facetCodes[row]);
        }
    }

    /** Moves the rows into one sorted matrix; the buffer is empty afterwards. */
    Sorted drainSorted() {
        int n = ids.size();
        float[] data = new float[Math.multiplyExact(n, dimension)];
        for (int c = 0; c < chunks.size(); c++) {
            int rows = Math.min(CHUNK_ROWS, n - c * CHUNK_ROWS);
            System.arraycopy(chunks.get(c), 0, data, c * CHUNK_ROWS * dimension, rows * dimension);
            chunks.set(c, null);
        }
        chunks.clear();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // Stable, so equal ids keep their arrival order as a sort of whole rows would.
        Arrays.sort(order, Comparator.comparing(ids::get));
        permuteRows(data, order, dimension);
        String[] sortedIds = new String[n];
        String[] sortedTitles = new String[n];
        byte[][] sortedCodes = new byte[n][];
        for (int r = 0; r < n; r++) {
            sortedIds[r] = ids.get(order[r]);
            sortedTitles[r] = titles.get(order[r]);
            sortedCodes[r] = facetCodes.get(order[r]);
        }
        ids.clear();
        titles.clear();
        facetCodes.clear();
        return new Sorted(data, sortedIds, sortedTitles, sortedCodes, dimension);
    }

    /**
     * In place: row r becomes the row that was at {@code order[r]}, following each cycle of the permutation with
     * one row of scratch space instead of a second matrix.
     */
    static void permuteRows(float[] data, Integer[] order, int dimension) {
        int n = order.length;
        boolean[] placed = new boolean[n];
        float[] scratch = new float[dimension];
        for (int start = 0; start < n; start++) {
            if (placed[start] || order[start] == start) {
                continue;
            }
            System.arraycopy(data, start * dimension, scratch, 0, dimension);
            int at = start;
            while (true) {
                placed[at] = true;
                int from = order[at];
                if (from == start) {
                    System.arraycopy(scratch, 0, data, at * dimension, dimension);
                    break;
                }
                System.arraycopy(data, from * dimension, data, at * dimension, dimension);
                at = from;
            }
        }
    }
}
