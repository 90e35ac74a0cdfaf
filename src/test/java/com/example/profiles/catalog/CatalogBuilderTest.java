package com.example.profiles.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import com.example.profiles.model.ModelNames;
import org.junit.jupiter.api.Test;

import com.example.profiles.config.RecommendConfig.PrecisionPreference;
import com.example.profiles.kernel.Precision;

/** What one load turns into: the snapshot every pod must build alike from the same items. */
class CatalogBuilderTest {

    private static CatalogBuilder.Row row(String id, float... embedding) {
        return new CatalogBuilder.Row(id, "title of " + id, embedding);
    }

    @Test
    void rowsAreSortedByIdAndTheVersionDependsOnContentNotOnScanOrder() {
        List<CatalogBuilder.Row> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(row("item-" + i, i, -i, 0.5f));
        }
        CatalogBuilder.Built first = CatalogBuilder.build(rows, PrecisionPreference.FLOAT32);
        Collections.shuffle(rows, new Random(3));
        CatalogBuilder.Built shuffled = CatalogBuilder.build(rows, PrecisionPreference.FLOAT32);
        Catalog c = first.catalog();
        assertThat(c.version()).isEqualTo(shuffled.catalog().version()).startsWith("50-");
        assertThat(c.itemIds()).isSorted().containsExactly(shuffled.catalog().itemIds());
        int row = c.rowOf("item-7");
        assertThat(c.itemIds()[row]).isEqualTo("item-7");
        assertThat(c.titles()[row]).isEqualTo("title of item-7");
        assertThat(c.embeddings(ModelNames.DEFAULT).matrix().row(row)).containsExactly(7f, -7f, 0.5f);

        rows.set(0, row(rows.get(0).itemId(), 1e-7f, 0, 0)); // one float changes: another version
        assertThat(CatalogBuilder.build(rows, PrecisionPreference.FLOAT32).catalog().version()).isNotEqualTo(c.version());
    }

    @Test
    void itemsOfAnotherDimensionAreLeftOutAndCounted() {
        List<CatalogBuilder.Row> rows = List.of(row("a", 1, 2, 3), row("b", 4, 5, 6), row("c", 7, 8),
                new CatalogBuilder.Row("d", "no embedding", null));
        CatalogBuilder.Built built = CatalogBuilder.build(rows, PrecisionPreference.AUTO);
        assertThat(built.catalog().dimension()).isEqualTo(3);
        assertThat(built.catalog().itemIds()).containsExactly("a", "b");
        assertThat(built.skipped()).isEqualTo(2);
    }

    @Test
    void theCatalogTakesTheStoresDimensionEvenWhenMostRowsHaveAnother() {
        List<CatalogBuilder.Row> rows = List.of(row("z", 1, 2), row("a", 1, 2, 3), row("b", 4, 5, 6), row("y", 9, 9));
        CatalogBuilder.Built three = CatalogBuilder.build(rows, PrecisionPreference.FLOAT32, List.of(), 3);
        assertThat(three.catalog().dimension()).isEqualTo(3);
        assertThat(three.catalog().itemIds()).containsExactly("a", "b");
        assertThat(three.skipped()).isEqualTo(2);

        List<CatalogBuilder.Row> mostlyTwo = List.of(row("c", 1, 2, 3), row("x", 7, 8), row("w", 5, 6), row("v", 3, 4));
        Catalog stillThree = CatalogBuilder.build(mostlyTwo, PrecisionPreference.FLOAT32, List.of(), 3).catalog();
        assertThat(stillThree.dimension()).isEqualTo(3);
        assertThat(stillThree.itemIds()).containsExactly("c");
        assertThat(stillThree.embeddings(ModelNames.DEFAULT).matrix().row(0)).containsExactly(1f, 2f, 3f);
    }

    @Test
    void precisionFollowsThePreferenceAndTheSize() {
        List<CatalogBuilder.Row> rows = List.of(row("a", 1, 0), row("b", 0, 1));
        assertThat(CatalogBuilder.build(rows, PrecisionPreference.AUTO).catalog().embeddings(ModelNames.DEFAULT).precision())
                .isEqualTo(Precision.FLOAT32);
        Catalog int8 = CatalogBuilder.build(rows, PrecisionPreference.INT8).catalog();
        assertThat(int8.embeddings(ModelNames.DEFAULT).precision()).isEqualTo(Precision.INT8);
        assertThat(int8.embeddings(ModelNames.DEFAULT).quantized()).isNotNull();
        Catalog empty = CatalogBuilder.build(List.of(), PrecisionPreference.AUTO).catalog();
        assertThat(empty.size()).isZero();
        assertThat(empty.dimension()).isZero();
    }
}
