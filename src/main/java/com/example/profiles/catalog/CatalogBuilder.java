package com.example.profiles.catalog;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import com.example.profiles.config.RecommendConfig.PrecisionPreference;
import com.example.profiles.facet.FacetColumns;
import com.example.profiles.kernel.CatalogMatrix;

/** Turns the rows of one catalog load into an immutable {@link Catalog}. Pure CPU work. */
public final class CatalogBuilder {

    /**
     * What a load read for one item.
     *
     * @param facets the item's facet values (see {@link ItemFacets}); absent facets are not in the map
     */
    public record Row(String itemId, String title, float[] embedding, Map<String, Object> facets) {

        public Row(String itemId, String title, float[] embedding) {
            this(itemId, title, embedding, Map.of());
        }
    }

    /**
     * The catalog, with what the next incremental refresh starts from.
     *
     * @param facetCodes each catalog row's facets, row for row (see {@link FacetCodes})
     * @param skipped    stored items left out for another dimension than the store's, or for having none
     */
    public record Built(Catalog catalog, byte[][] facetCodes, int skipped) {
    }

    private CatalogBuilder() {
    }

    /** A catalog of the rows' first embedding's dimension, without facets. */
    public static Built build(List<Row> loaded, PrecisionPreference precision) {
        return build(loaded, precision, List.of(), 0);
    }

    /**
     * @param facets    the facet names the catalog keeps in columns (filters may name them even when no item has
     *                  a value); {@code authors} is added when missing
     * @param dimension the store's dimension (0: the first row's); rows of another one are left out
     */
    public static Built build(List<Row> loaded, PrecisionPreference precision, List<String> facets, int dimension) {
        RowBuffer buffer = new RowBuffer(new FacetCodes(facetNames(facets)), dimension);
        loaded.forEach(buffer::add);
        return build(buffer, precision);
    }

    /** Builds from the buffered rows (emptying the buffer). */
    static Built build(RowBuffer buffer, PrecisionPreference precisionPreference) {
        FacetCodes codes = buffer.codes();
        int skipped = buffer.skipped();
        RowBuffer.Sorted rows = buffer.drainSorted();
        int n = rows.ids().length;
        int dimension = rows.dimension();
        FacetColumns.Builder columns = FacetColumns.builder(n);
        codes.names().forEach(columns::declare);
        if (n == 0) {
            return new Built(Catalog.empty(Instant.now(), columns.build()), new byte[0][], skipped);
        }
        float[] data = rows.data();
        CRC32C hash = new CRC32C();
        ByteBuffer bytes = ByteBuffer.allocate(dimension * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < n; r++) {
            hash.update(rows.ids()[r].getBytes(StandardCharsets.UTF_8));
            bytes.clear();
            bytes.asFloatBuffer().put(data, r * dimension, dimension);
            hash.update(bytes.array(), 0, bytes.capacity());
            Map<String, Object> facets = rows.facets(codes, r);
            // what filters see is part of the content: a stock change is a new version
            hash.update(facets.toString().getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, Object> value : facets.entrySet()) {
                columns.add(r, value.getKey(), value.getValue());
            }
        }
        String version = String.format("%d-%08x", n, hash.getValue());
        Embeddings embeddings = Embeddings.of(new CatalogMatrix(data, n, dimension), precisionPreference.resolve(n),
                version);
        Catalog catalog = new Catalog(embeddings, rows.ids(), rows.titles(), version, Instant.now(), columns.build());
        return new Built(catalog, rows.facetCodes(), skipped);
    }

    static List<String> facetNames(List<String> configured) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        names.add(ItemFacets.AUTHORS);
        names.addAll(configured);
        return List.copyOf(names);
    }
}
