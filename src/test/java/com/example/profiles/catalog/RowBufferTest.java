package com.example.profiles.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Rows collected in chunks and sorted in place must be exactly the rows sorted by id. */
class RowBufferTest {

    @Test
    void permutingRowsInPlaceMatchesCopyingThemIntoASecondMatrix() {
        Random random = new Random(5);
        for (int trial = 0; trial < 200; trial++) {
            int n = random.nextInt(60);
            int dimension = 1 + random.nextInt(5);
            float[] data = new float[n * dimension];
            for (int i = 0; i < data.length; i++) {
                data[i] = random.nextFloat();
            }
            List<Integer> shuffled = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                shuffled.add(i);
            }
            Collections.shuffle(shuffled, random);
            Integer[] order = shuffled.toArray(Integer[]::new);
            float[] expected = new float[data.length];
            for (int r = 0; r < n; r++) {
                System.arraycopy(data, order[r] * dimension, expected, r * dimension, dimension);
            }
            RowBuffer.permuteRows(data, order, dimension);
            assertThat(data).containsExactly(expected);
        }
    }

    @Test
    void rowsOverSeveralChunksComeOutSortedByIdWithTheirOwnEmbeddingTitleAndFacets() {
        FacetCodes codes = new FacetCodes(List.of("authors", "language"));
        RowBuffer buffer = new RowBuffer(codes, 0);
        Random random = new Random(9);
        List<CatalogBuilder.Row> rows = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            String id = "item-" + random.nextInt(1_000_000_000);
            float[] embedding = {random.nextFloat(), random.nextFloat(), i};
            rows.add(new CatalogBuilder.Row(id, "title " + i, embedding, Map.of("language", "l" + (i % 7))));
        }
        rows.add(new CatalogBuilder.Row("short", "other dimension", new float[] {1, 2}));
        rows.add(new CatalogBuilder.Row("none", "no embedding", null));
        rows.forEach(buffer::add);

        assertThat(buffer.dimension()).isEqualTo(3);
        assertThat(buffer.skipped()).isEqualTo(2); // "short" and "none"
        RowBuffer.Sorted sorted = buffer.drainSorted();
        List<CatalogBuilder.Row> expected = rows.subList(0, 40_000).stream()
                .sorted(Comparator.comparing(CatalogBuilder.Row::itemId)).toList();
        assertThat(sorted.ids()).hasSize(40_000);
        for (int r = 0; r < expected.size(); r++) {
            CatalogBuilder.Row row = expected.get(r);
            assertThat(sorted.ids()[r]).isEqualTo(row.itemId());
            assertThat(sorted.titles()[r]).isEqualTo(row.title());
            assertThat(Arrays.copyOfRange(sorted.data(), r * 3, r * 3 + 3)).containsExactly(row.embedding());
            assertThat(sorted.facets(codes, r)).isEqualTo(row.facets());
        }
        assertThat(buffer.size()).isZero();
    }
}
