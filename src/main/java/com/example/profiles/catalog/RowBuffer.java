package com.example.profiles.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.profiles.model.ModelNames;

/**
 * The rows of one catalog build as they arrive, without an object per row: per model, embeddings of the model's
 * dimension (the store's, see {@code RegistryItem}) appended to fixed-size float chunks, with a bit per row for
 * whether the item has one; facets as {@link FacetCodes}. An item with a vector in none of the models (of their
 * dimension) is left out and counted. {@link #drainSorted} turns the chunks into one row-major matrix per model
 * sorted by item id, releasing each chunk once copied, so a build never holds much more than one extra copy of
 * the embeddings.
 */
final class RowBuffer {

    private static final int CHUNK_ROWS = 16_384;

    /** One model's vectors as they arrive. */
    private static final class Space {
        final String model;
        int dimension;
        final List<float[]> chunks = new ArrayList<>();
        long[] present = new long[64];

        Space(String model, int dimension) {
            this.model = model;
            this.dimension = dimension;
        }
    }

    private final FacetCodes codes;
    private final List<Space> spaces = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private final List<String> titles = new ArrayList<>();
    private final List<byte[]> facetCodes = new ArrayList<>();
    private int skipped;

    /**
     * @param dimensions per model the dimension its vectors must have; 0: the first vector's (a store that keeps
     *                   none yet)
     */
    RowBuffer(FacetCodes codes, Map<String, Integer> dimensions) {
        this.codes = codes;
        dimensions.forEach((model, dimension) -> spaces.add(new Space(model, dimension)));
    }

    /** A buffer of the {@code default} model alone. */
    RowBuffer(FacetCodes codes, int dimension) {
        this(codes, Map.of(ModelNames.DEFAULT, dimension));
    }

    FacetCodes codes() {
        return codes;
    }

    /** The dimension of {@code default}'s rows (0 while none came, or when it is not loaded). */
    int dimension() {
        for (Space space : spaces) {
            if (space.model.equals(ModelNames.DEFAULT)) {
                return space.dimension;
            }
        }
        return 0;
    }

    /** Rows kept. */
    int size() {
        return ids.size();
    }

    /** Rows left out for having no vector of a loaded model's dimension. */
    int skipped() {
        return skipped;
    }

    void add(CatalogBuilder.Row row) {
        float[][] vectors = new float[spaces.size()][];
        boolean any = false;
        for (int s = 0; s < spaces.size(); s++) {
            Space space = spaces.get(s);
            float[] vector = row.vectors().get(space.model);
            if (space.dimension == 0 && vector != null && vector.length > 0) {
                space.dimension = vector.length;
            }
            if (vector != null && vector.length == space.dimension && space.dimension > 0) {
                vectors[s] = vector;
                any = true;
            }
        }
        if (!any) {
            skipped++;
            return;
        }
        append(row.itemId(), row.title(), codes.encode(row.facets()), vectors, null);
    }

    /** Adds a row of {@code snapshot} as it is: its vectors in every model this buffer keeps that it has too. */
    void addFrom(Catalog snapshot, int row, byte[] facetCode) {
        float[][] vectors = new float[spaces.size()][];
        int[] offsets = new int[spaces.size()];
        for (int s = 0; s < spaces.size(); s++) {
            Embeddings embeddings = snapshot.embeddings(spaces.get(s).model);
            if (embeddings != null && embeddings.has(row)) {
                vectors[s] = embeddings.matrix().data();
                offsets[s] = embeddings.offset(row);
            }
        }
        append(snapshot.itemIds()[row], snapshot.titles()[row], facetCode, vectors, offsets);
    }

    /** @param offsets where each vector starts in its array; null: at 0 */
    private void append(String itemId, String title, byte[] facetCode, float[][] vectors, int[] offsets) {
        int row = ids.size();
        for (int s = 0; s < spaces.size(); s++) {
            Space space = spaces.get(s);
            if (row % CHUNK_ROWS == 0) {
                space.chunks.add(null); // allocated by the chunk's first vector
            }
            if (row >>> 6 >= space.present.length) {
                space.present = Arrays.copyOf(space.present, space.present.length * 2);
            }
            if (vectors[s] != null) {
                int chunk = row / CHUNK_ROWS;
                if (space.chunks.get(chunk) == null) {
                    space.chunks.set(chunk, new float[CHUNK_ROWS * space.dimension]);
                }
                System.arraycopy(vectors[s], offsets == null ? 0 : offsets[s], space.chunks.get(chunk),
                        (row % CHUNK_ROWS) * space.dimension, space.dimension);
                space.present[row >>> 6] |= 1L << row;
            }
        }
        ids.add(itemId);
        titles.add(title == null ? "" : title);
        facetCodes.add(facetCode);
    }

    /** One model's vectors, sorted like the rows: a row-major matrix and the rows that have a vector. */
    record Column(float[] data, int dimension, long[] present) {
    }

    /** The rows sorted by item id. */
    record Sorted(String[] ids, String[] titles, byte[][] facetCodes, Map<String, Column> columns) {

        Map<String, Object> facets(FacetCodes codes, int row) {
            return codes.decode(facetCodes[row]);
        }

        /** {@code default}'s matrix (null when it is not kept). */
        float[] data() {
            Column column = columns.get(ModelNames.DEFAULT);
            return column == null ? null : column.data();
        }

        int dimension() {
            Column column = columns.get(ModelNames.DEFAULT);
            return column == null ? 0 : column.dimension();
        }
    }

    /** Moves the rows into one sorted matrix per model; the buffer is empty afterwards. */
    Sorted drainSorted() {
        int n = ids.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // Stable, so equal ids keep their arrival order as a sort of whole rows would.
        Arrays.sort(order, Comparator.comparing(ids::get));
        Map<String, Column> columns = new LinkedHashMap<>();
        for (Space space : spaces) {
            columns.put(space.model, drain(space, n, order));
        }
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
        return new Sorted(sortedIds, sortedTitles, sortedCodes, columns);
    }

    private static Column drain(Space space, int n, Integer[] order) {
        int dimension = space.dimension;
        float[] data = new float[Math.multiplyExact(n, dimension)];
        for (int c = 0; c < space.chunks.size(); c++) {
            int rows = Math.min(CHUNK_ROWS, n - c * CHUNK_ROWS);
            float[] chunk = space.chunks.get(c);
            if (chunk != null) {
                System.arraycopy(chunk, 0, data, c * CHUNK_ROWS * dimension, rows * dimension);
            }
            space.chunks.set(c, null);
        }
        space.chunks.clear();
        if (dimension > 0) {
            permuteRows(data, order, dimension);
        }
        long[] present = new long[(n + 63) >>> 6];
        for (int r = 0; r < n; r++) {
            int from = order[r];
            if ((space.present[from >>> 6] & (1L << from)) != 0) {
                present[r >>> 6] |= 1L << r;
            }
        }
        return new Column(data, dimension, present);
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
