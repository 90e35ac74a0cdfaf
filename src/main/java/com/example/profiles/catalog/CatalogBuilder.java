package com.example.profiles.catalog;

import com.example.profiles.facet.FacetColumns;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
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

    /** The catalog, and how many stored items were left out for having another dimension. */
    public record Built(Catalog catalog, int skipped) {
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
        List<String> names = facetNames(facets);
        int dimension = dominantDimension(loaded);
        List<Row> rows = loaded.stream()
                .filter(row -> row.embedding() != null && row.embedding().length == dimension)
                .sorted(Comparator.comparing(Row::itemId))
                .toList();
        int skipped = loaded.size() - rows.size();
        if (rows.isEmpty()) {
            return new Built(Catalog.empty(Instant.now(), facetColumns(rows, names)), skipped);
        }
        float[] data = new float[Math.multiplyExact(rows.size(), dimension)];
        String[] ids = new String[rows.size()];
        String[] titles = new String[rows.size()];
        CRC32C hash = new CRC32C();
        ByteBuffer bytes = ByteBuffer.allocate(dimension * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            ids[r] = row.itemId();
            titles[r] = row.title() == null ? "" : row.title();
            System.arraycopy(row.embedding(), 0, data, r * dimension, dimension);
            hash.update(ids[r].getBytes(StandardCharsets.UTF_8));
            bytes.clear();
            bytes.asFloatBuffer().put(row.embedding());
            hash.update(bytes.array(), 0, bytes.capacity());
            // what filters see is part of the content: a stock change is a new version
            hash.update(row.facets().toString().getBytes(StandardCharsets.UTF_8));
        }
        CatalogMatrix matrix = new CatalogMatrix(data, rows.size(), dimension);
        Precision precision = Precision.select(precisionPreference, rows.size());
        QuantizedCatalog quantized = precision == Precision.INT8 ? new QuantizedCatalog(matrix) : null;
        String version = String.format("%d-%08x", rows.size(), hash.getValue());
        return new Built(new Catalog(matrix, ids, titles, Catalog.index(ids), version, Instant.now(), precision, quantized,
                facetColumns(rows, names)), skipped);
    }

    static List<String> facetNames(List<String> configured) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        names.add(ItemFacets.AUTHORS);
        names.addAll(configured);
        return List.copyOf(names);
    }

    private static FacetColumns facetColumns(List<Row> rows, List<String> names) {
        FacetColumns.Builder columns = FacetColumns.builder(rows.size());
        names.forEach(columns::declare);
        for (int r = 0; r < rows.size(); r++) {
            for (Map.Entry<String, Object> value : rows.get(r).facets().entrySet()) {
                if (names.contains(value.getKey())) {
                    columns.add(r, value.getKey(), value.getValue());
                }
            }
        }
        return columns.build();
    }

    /** The dimension most stored embeddings have; writes keep them equal, this guards the rest. */
    static int dominantDimension(List<Row> rows) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (Row row : rows) {
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
