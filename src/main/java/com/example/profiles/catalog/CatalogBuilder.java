package com.example.profiles.catalog;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import com.example.profiles.config.RecommendConfig.PrecisionPreference;
import com.example.profiles.facet.FacetColumns;
import com.example.profiles.kernel.CatalogMatrix;
import com.example.profiles.kernel.RowMask;
import com.example.profiles.model.ModelNames;
import com.example.profiles.model.ModelRegistry;

/** Turns the rows of one catalog load into an immutable {@link Catalog}. Pure CPU work. */
public final class CatalogBuilder {

    /**
     * What a load read for one item.
     *
     * @param vectors the item's vector in each model that has one, by model name
     * @param facets  the item's facet values (see {@link ItemFacets}); absent facets are not in the map
     */
    public record Row(String itemId, String title, Map<String, float[]> vectors, Map<String, Object> facets) {

        /** An item with a {@code default} vector alone ({@code embedding}; null: none). */
        public Row(String itemId, String title, float[] embedding, Map<String, Object> facets) {
            this(itemId, title, embedding == null ? Map.of() : Map.of(ModelNames.DEFAULT, embedding), facets);
        }

        public Row(String itemId, String title, float[] embedding) {
            this(itemId, title, embedding, Map.of());
        }

        /** The {@code default} vector, or null. */
        public float[] embedding() {
            return vectors.get(ModelNames.DEFAULT);
        }
    }

    /**
     * The catalog, with what the next incremental refresh starts from.
     *
     * @param facetCodes each catalog row's facets, row for row (see {@link FacetCodes})
     * @param skipped    stored items left out for having no vector of a loaded model's dimension
     */
    public record Built(Catalog catalog, byte[][] facetCodes, int skipped) {
    }

    private CatalogBuilder() {
    }

    /** A catalog of {@code default} alone, of the rows' first embedding's dimension, without facets. */
    public static Built build(List<Row> loaded, PrecisionPreference precision) {
        return build(loaded, precision, List.of(), 0);
    }

    /**
     * A catalog of {@code default} alone.
     *
     * @param facets    the facet names the catalog keeps in columns (filters may name them even when no item has
     *                  a value); {@code authors} is added when missing
     * @param dimension the store's dimension (0: the first row's); rows of another one are left out
     */
    public static Built build(List<Row> loaded, PrecisionPreference precision, List<String> facets, int dimension) {
        return build(loaded, precision, facets, dimension, null);
    }

    /** The same, its rows clustered as {@code clustering} says (null: none). */
    public static Built build(List<Row> loaded, PrecisionPreference precision, List<String> facets, int dimension,
                              CatalogClustering clustering) {
        RowBuffer buffer = new RowBuffer(new FacetCodes(facetNames(facets)), dimension);
        loaded.forEach(buffer::add);
        return build(buffer, precision, ModelRegistry.legacy(dimension), clustering, null);
    }

    /** Builds from the buffered rows (emptying the buffer), under {@code registry}, without clusters. */
    static Built build(RowBuffer buffer, PrecisionPreference precisionPreference, ModelRegistry registry) {
        return build(buffer, precisionPreference, registry, null, null);
    }

    /**
     * Builds from the buffered rows (emptying the buffer), under {@code registry}, each model's rows clustered
     * as {@code clustering} says (null: none).
     *
     * @param previous the snapshot this one replaces, whose centroids are kept while they fit (null: fitted
     *                 afresh)
     */
    static Built build(RowBuffer buffer, PrecisionPreference precisionPreference, ModelRegistry registry,
                       CatalogClustering clustering, Catalog previous) {
        FacetCodes codes = buffer.codes();
        int skipped = buffer.skipped();
        RowBuffer.Sorted rows = buffer.drainSorted();
        int n = rows.ids().length;
        FacetColumns.Builder columns = FacetColumns.builder(n);
        codes.names().forEach(columns::declare);
        if (n == 0) {
            return new Built(Catalog.empty(Instant.now(), columns.build(), registry), new byte[0][], skipped);
        }
        CRC32C hash = new CRC32C();
        Map<String, CRC32C> modelHashes = new HashMap<>();
        rows.columns().keySet().forEach(model -> modelHashes.put(model, new CRC32C()));
        VectorBytes bytes = new VectorBytes();
        for (int r = 0; r < n; r++) {
            byte[] id = rows.ids()[r].getBytes(StandardCharsets.UTF_8);
            hash.update(id);
            for (Map.Entry<String, RowBuffer.Column> column : rows.columns().entrySet()) {
                hashVector(hash, modelHashes.get(column.getKey()), id, bytes, column.getKey(), column.getValue(), r);
            }
            Map<String, Object> facets = rows.facets(codes, r);
            // what filters see is part of the content: a stock change is a new version
            hash.update(facets.toString().getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, Object> value : facets.entrySet()) {
                columns.add(r, value.getKey(), value.getValue());
            }
        }
        Map<String, Embeddings> models = new HashMap<>();
        rows.columns().forEach((model, column) -> {
            // a model without a single vector yet takes no memory: it is not loaded
            if (column.dimension() > 0 && RowMask.of(column.present()).count() > 0) {
                Layout layout = clustering == null ? null : new Layout(clustering, model, rows.ids(), previous);
                models.put(model, embeddings(n, column, precisionPreference, modelHashes.get(model), layout));
            }
        });
        String version = String.format("%d-%08x", n, hash.getValue());
        Catalog catalog = new Catalog(models, rows.ids(), rows.titles(), version, Instant.now(), columns.build(),
                registry);
        return new Built(catalog, rows.facetCodes(), skipped);
    }

    /**
     * A row's vector in the content hash: {@code default}'s bytes alone (so a catalog of {@code default} keeps
     * the version it always had), another model's with its name before them.
     */
    private static void hashVector(CRC32C hash, CRC32C modelHash, byte[] id, VectorBytes bytes, String model,
                                   RowBuffer.Column column, int row) {
        if ((column.present()[row >>> 6] & (1L << row)) == 0) {
            return;
        }
        if (!model.equals(ModelNames.DEFAULT)) {
            hash.update(model.getBytes(StandardCharsets.UTF_8));
        }
        byte[] vector = bytes.of(column.data(), row * column.dimension(), column.dimension());
        hash.update(vector, 0, column.dimension() * Float.BYTES);
        modelHash.update(id);
        modelHash.update(vector, 0, column.dimension() * Float.BYTES);
    }

    /** Little-endian float32 bytes of one vector at a time, into one reused buffer. */
    private static final class VectorBytes {
        private ByteBuffer buffer = ByteBuffer.allocate(0);

        /** The vector's bytes, valid until the next call. */
        byte[] of(float[] data, int from, int length) {
            if (buffer.capacity() < length * Float.BYTES) {
                buffer = ByteBuffer.allocate(length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            }
            buffer.clear();
            buffer.asFloatBuffer().put(data, from, length);
            return buffer.array();
        }
    }

    /** What clustering one model's rows needs beside them. */
    private record Layout(CatalogClustering clustering, String model, String[] ids, Catalog previous) {
    }

    private static Embeddings embeddings(int n, RowBuffer.Column column, PrecisionPreference precision, CRC32C hash,
                                         Layout layout) {
        RowMask all = RowMask.of(column.present());
        String version = String.format("%d-%08x", all.count(), hash.getValue());
        RowMask present = all.count() == n ? null : all;
        if (layout != null && layout.clustering().wanted(layout.model(), all.count())) {
            Catalog previous = layout.previous();
            CatalogClustering.Laid laid = layout.clustering().lay(layout.model(), column.data(), column.dimension(),
                    layout.ids(), present, previous == null ? null : previous.embeddings(layout.model()),
                    previous == null ? null : previous.itemIds());
            return Embeddings.of(laid.matrix(), precision.resolve(all.count()), version, present, laid.clusters());
        }
        CatalogMatrix matrix = new CatalogMatrix(column.data(), n, column.dimension());
        return Embeddings.of(matrix, precision.resolve(all.count()), version, present);
    }

    static List<String> facetNames(List<String> configured) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        names.add(ItemFacets.AUTHORS);
        names.addAll(configured);
        return List.copyOf(names);
    }
}
