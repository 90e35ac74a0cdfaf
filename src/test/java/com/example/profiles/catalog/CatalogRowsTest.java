package com.example.profiles.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import com.example.profiles.kernel.Kernels;
import com.example.profiles.model.ModelNames;
import com.example.profiles.model.ModelRegistry;
import org.junit.jupiter.api.Test;

import com.example.profiles.config.RecommendConfig.PrecisionPreference;

/**
 * Applying changes to the kept rows must build the very catalog a full build of the changed rows builds: the
 * kept rows are the snapshot itself plus facet codes, not a copy of the items, so this is where a lost title,
 * a stale embedding or an item of another dimension than the store's would show.
 */
class CatalogRowsTest {

    private static final List<String> FACETS = CatalogBuilder.facetNames(List.of("language", "price", "in_stock"));
    /** The dimension the store keeps; rows of another are left out. */
    private static final int STORED = 4;

    @Test
    void changesAppliedToTheSnapshotBuildWhatAFullBuildOfTheSameRowsBuilds() {
        check(null, 23, 150);
    }

    /**
     * The same with every snapshot laid out in clusters: each catalog row still holds its item's vector, the
     * refreshed snapshot keeps the centroids of the one it came from, and an item whose vector did not change
     * stays in its cluster.
     */
    @Test
    void withClustersARefreshKeepsTheCentroidsAndEveryVectorAtItsRow() {
        check(new CatalogClustering(PruningConfig.Mode.ON, 1, null, 5, Kernels.select("auto").kernel(), 1), 29, 40);
    }

    private static void check(CatalogClustering clustering, long seed, int trials) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int trial = 0; trial < trials; trial++) {
            PrecisionPreference precision = trial % 2 == 0 ? PrecisionPreference.FLOAT32 : PrecisionPreference.INT8;
            Map<String, CatalogBuilder.Row> model = new TreeMap<>();
            for (int i = rnd.nextInt(0, 300); i > 0; i--) {
                CatalogBuilder.Row row = randomRow(rnd, "item-" + rnd.nextInt(400));
                model.put(row.itemId(), row);
            }
            FacetCodes codes = new FacetCodes(FACETS);
            CatalogBuilder.Built first = CatalogBuilder.build(new ArrayList<>(model.values()), precision, FACETS, STORED,
                    clustering);
            CatalogRows rows = CatalogRows.of(first, codes, 0, 0, Map.of(ModelNames.DEFAULT, STORED));
            for (int round = 0; round < 8; round++) {
                List<Map.Entry<String, CatalogBuilder.Row>> changes = new ArrayList<>();
                // single changes too: a refresh that finds one title-only change must not keep the snapshot
                for (int i = rnd.nextBoolean() ? 1 : rnd.nextInt(0, 40); i > 0; i--) {
                    String id = "item-" + rnd.nextInt(400);
                    CatalogBuilder.Row old = model.get(id);
                    CatalogBuilder.Row other = randomRow(rnd, id);
                    CatalogBuilder.Row change = switch (rnd.nextInt(6)) {
                        case 0 -> null;                                   // delete (maybe of an absent item)
                        case 1 -> old;                                    // re-read, unchanged
                        case 2 -> old == null ? other                     // the title alone
                                : new CatalogBuilder.Row(id, other.title(), old.embedding(), old.facets());
                        case 3 -> old == null ? other                     // the facets alone
                                : new CatalogBuilder.Row(id, old.title(), old.embedding(), other.facets());
                        default -> other;
                    };
                    changes.add(new AbstractMap.SimpleEntry<>(id, change));
                    if (change == null) {
                        model.remove(id);
                    } else {
                        model.put(id, change);
                    }
                }
                Catalog before = rows.snapshot();
                RowBuffer changed = rows.apply(changes, Map.of(ModelNames.DEFAULT, STORED));
                Catalog expected = CatalogBuilder.build(new ArrayList<>(model.values()), precision, FACETS, STORED).catalog();
                CatalogBuilder.Built built = changed == null ? null
                        : CatalogBuilder.build(changed, precision, ModelRegistry.legacy(STORED), clustering, before);
                Catalog actual = built == null ? before : built.catalog();
                if (built != null) {
                    // the snapshot holds no item of another dimension: only the changes read can bring one
                    assertThat(built.skipped()).isEqualTo(expectedSkipped(changes));
                    rows = CatalogRows.of(built, codes, 0, 0, Map.of(ModelNames.DEFAULT, STORED));
                }
                assertThat(actual.version()).isEqualTo(expected.version());
                assertThat(actual.itemIds()).containsExactly(expected.itemIds());
                assertThat(actual.titles()).containsExactly(expected.titles());
                assertThat(actual.dimension()).isEqualTo(expected.dimension());
                if (expected.size() > 0) {
                    Embeddings got = actual.embeddings(ModelNames.DEFAULT);
                    for (int r = 0; r < expected.size(); r++) {
                        assertThat(got.vector(r)).containsExactly(expected.embeddings(ModelNames.DEFAULT).vector(r));
                    }
                    if (clustering != null) {
                        assertKeptClusters(before, actual);
                    }
                }
                assertThat(actual.embeddings(ModelNames.DEFAULT).precision()).isEqualTo(expected.embeddings(ModelNames.DEFAULT).precision());
            }
        }
    }

    /** Centroids carried over from {@code before} when it had them, and unchanged items in their old cluster. */
    private static void assertKeptClusters(Catalog before, Catalog after) {
        Clusters now = after.embeddings(ModelNames.DEFAULT).clusters();
        assertThat(now).isNotNull();
        for (int r = 0; r < after.size(); r++) {
            assertThat(now.order()[now.layoutRow(r)]).isEqualTo(r);
        }
        Embeddings old = before.embeddings(ModelNames.DEFAULT);
        if (before == after || old == null || old.clusters() == null) {
            return;
        }
        Clusters then = old.clusters();
        int changed = 0;
        for (int r = 0; r < after.size(); r++) {
            Integer was = before.rowOf(after.itemIds()[r]);
            if (was == null || !java.util.Arrays.equals(old.vector(was), after.embeddings(ModelNames.DEFAULT).vector(r))) {
                changed++;
            }
        }
        boolean keep = after.size() <= 2L * then.fittedRows() && then.assigned() + changed <= then.fittedRows() / 4;
        assertThat(now.model() == then.model()).as("centroids kept").isEqualTo(keep);
        if (!keep) {
            assertThat(now.assigned()).isZero();
            assertThat(now.fittedRows()).isEqualTo(after.size());
            return;
        }
        assertThat(now.assigned()).isEqualTo(then.assigned() + changed);
        for (int r = 0; r < after.size(); r++) {
            Integer was = before.rowOf(after.itemIds()[r]);
            if (was != null && java.util.Arrays.equals(old.vector(was), after.embeddings(ModelNames.DEFAULT).vector(r))) {
                assertThat(now.clusterOf(r)).as(after.itemIds()[r]).isEqualTo(then.clusterOf(was));
            }
        }
    }

    /** The items whose last change is a row of another dimension than the store's, or without an embedding. */
    private static long expectedSkipped(List<Map.Entry<String, CatalogBuilder.Row>> changes) {
        Map<String, CatalogBuilder.Row> latest = new TreeMap<>();
        changes.forEach(change -> latest.put(change.getKey(), change.getValue()));
        return latest.values().stream()
                .filter(row -> row != null && (row.embedding() == null || row.embedding().length != STORED)).count();
    }

    private static CatalogBuilder.Row randomRow(SplittableRandom rnd, String id) {
        // Mostly the stored dimension 4; sometimes 3 or none, which the catalog leaves out.
        int dimension = rnd.nextInt(8) == 0 ? 3 : 4;
        float[] embedding = rnd.nextInt(15) == 0 ? null : new float[dimension];
        if (embedding != null) {
            for (int i = 0; i < dimension; i++) {
                embedding[i] = rnd.nextInt(5) - 2;
            }
        }
        Map<String, Object> facets = new LinkedHashMap<>();
        if (rnd.nextBoolean()) {
            facets.put("language", rnd.nextBoolean() ? "en" : "fr");
        }
        if (rnd.nextBoolean()) {
            facets.put("price", (double) rnd.nextInt(3));
        }
        if (rnd.nextBoolean()) {
            facets.put("authors", List.of("a" + rnd.nextInt(3)));
        }
        String title = rnd.nextInt(10) == 0 ? null : "title " + rnd.nextInt(3);
        return new CatalogBuilder.Row(id, title, embedding, facets);
    }
}
