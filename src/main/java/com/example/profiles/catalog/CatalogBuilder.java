package com.example.profiles.catalog;

import com.example.profiles.facet.FacetColumns;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import com.example.profiles.kernel.CatalogMatrix;
import com.example.profiles.kernel.Precision;
import com.example.profiles.kernel.QuantizedCatalog;

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
     * @param strays     the stored items left out for having another dimension (or none)
     */
    public record Built(Catalog catalog, byte[][] facetCodes, List<Row> strays) {

        /** How many stored items were left out for having another dimension. */
        public int skipped() {
            return strays.size();
        }
    }

    private CatalogBuilder() {
    }

    /**
     * @param precisionPreference {@code float32}, {@code int8} or {@code auto}, decided on the
     *                            loaded size
     */
    public static Built build(List<Row> loaded, String precisionPreference) {
        return build(loaded, precisionPreference, List.of());
    }

    /**
     * @param facets the facet names the catalog keeps in columns (filters may name them even when no item has
     *               a value); {@code authors} is added when missing
     */
    public static Built build(List<Row> loaded, String precisionPreference, List<String> facets) {
        RowBuffer buffer = new RowBuffer(new FacetCodes(facetNames(facets)), 0);
        loaded.forEach(buffer::add);
        return build(buffer, precisionPreference);
    }

    /**
     * Builds from the buffered rows (emptying the buffer). The catalog takes the dimension most stored
     * embeddings have (writes keep them equal; this guards the rest); the others are left out.
     */
    static Built build(RowBuffer buffer, String precisionPreference) {
        int dimension = dominantDimension(buffer);
        if (dimension != buffer.dimension() && dimension > 0) {
            RowBuffer regrouped = new RowBuffer(buffer.codes(), dimension);
            buffer.toRows().forEach(regrouped::add);
            buffer = regrouped;
        }
        FacetCodes codes = buffer.codes();
        List<Row> strays = List.copyOf(buffer.strays());
        RowBuffer.Sorted rows = buffer.drainSorted();
        int n = rows.ids().length;
        FacetColumns.Builder columns = FacetColumns.builder(n);
        codes.names().forEach(columns::declare);
        if (n == 0) {
            return new Built(Catalog.empty(Instant.now(), columns.build()), new byte[0][], strays);
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
        CatalogMatrix matrix = new CatalogMatrix(data, n, dimension);
        Precision precision = Precision.select(precisionPreference, n);
        QuantizedCatalog quantized = precision == Precision.INT8 ? new QuantizedCatalog(matrix) : null;
        String version = String.format("%d-%08x", n, hash.getValue());
        Catalog catalog = new Catalog(matrix, rows.ids(), rows.titles(), version, Instant.now(),
                precision, quantized, columns.build());
        return new Built(catalog, rows.facetCodes(), strays);
    }

    static List<String> facetNames(List<String> configured) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        names.add(ItemFacets.AUTHORS);
        names.addAll(configured);
        return List.copyOf(names);
    }

    /** The dimension most buffered embeddings have (the larger on a tie), or 0 when none has one. */
    static int dominantDimension(RowBuffer buffer) {
        Map<Integer, Integer> counts = new HashMap<>();
        if (buffer.size() > 0) {
            counts.put(buffer.dimension(), buffer.size());
        }
        for (Row row : buffer.strays()) {
            if (row.embedding() != null && row.embedding().length > 0) {
                counts.merge(row.embedding().length, 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .orElse(0);
    }
}
