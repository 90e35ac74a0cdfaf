package com.example.profiles.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.example.profiles.config.RecommendConfig.PrecisionPreference;
import com.example.profiles.kernel.Kernels;
import com.example.profiles.kernel.Metric;
import com.example.profiles.model.ModelDefinition;
import com.example.profiles.model.ModelNames;
import com.example.profiles.model.ModelRegistry;

/**
 * A snapshot of two models of different dimensions keeps each item's vector in each model row for row with the
 * items, knows which items have a vector in which model, and an incremental build equals a full build of the same
 * rows, model by model.
 */
class MultiModelCatalogTest {

    private static final String V2 = "books-v2";
    private static final Map<String, Integer> SPACES = new TreeMap<>(Map.of(ModelNames.DEFAULT, 4, V2, 6));
    private static final List<String> FACETS = CatalogBuilder.facetNames(List.of("language"));
    private static final ModelRegistry REGISTRY = new ModelRegistry(Map.of(
            ModelNames.DEFAULT, new ModelDefinition(ModelNames.DEFAULT, 4, Metric.DOT, null, null, null),
            V2, new ModelDefinition(V2, 6, Metric.DOT, null, Instant.EPOCH, null)), null, 1);

    @Test
    void eachModelHoldsExactlyTheVectorsItsItemsHaveAndAnIncrementalBuildEqualsAFullOne() {
        run(null, 5, 60);
    }

    /**
     * The same with each model laid out in its own clusters: the items without a vector in a model are that
     * model's cluster of absent rows, and nothing else is.
     */
    @Test
    void withClustersPerModelEveryItemKeepsItsVectorsAndAbsentRowsTheirOwnCluster() {
        run(new CatalogClustering(PruningConfig.Mode.ON, 1, null, 5, Kernels.select("auto").kernel(), 1), 6, 30);
    }

    private static void run(CatalogClustering clustering, long seed, int trials) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int trial = 0; trial < trials; trial++) {
            PrecisionPreference precision = trial % 2 == 0 ? PrecisionPreference.FLOAT32 : PrecisionPreference.INT8;
            Map<String, CatalogBuilder.Row> model = new TreeMap<>();
            for (int i = rnd.nextInt(0, 200); i > 0; i--) {
                CatalogBuilder.Row row = randomRow(rnd, "item-" + rnd.nextInt(300));
                model.put(row.itemId(), row);
            }
            FacetCodes codes = new FacetCodes(FACETS);
            CatalogBuilder.Built first = build(model, precision, clustering);
            check(first.catalog(), model);
            CatalogRows rows = CatalogRows.of(first, codes, 0, 0, SPACES);
            for (int round = 0; round < 6; round++) {
                List<Map.Entry<String, CatalogBuilder.Row>> changes = new ArrayList<>();
                for (int i = rnd.nextBoolean() ? 1 : rnd.nextInt(0, 30); i > 0; i--) {
                    String id = "item-" + rnd.nextInt(300);
                    CatalogBuilder.Row change = rnd.nextInt(5) == 0 ? null : randomRow(rnd, id);
                    changes.add(new AbstractMap.SimpleEntry<>(id, change));
                    if (change == null) {
                        model.remove(id);
                    } else {
                        model.put(id, change);
                    }
                }
                RowBuffer changed = rows.apply(changes, SPACES);
                Catalog expected = build(model, precision, null).catalog();
                CatalogBuilder.Built built = changed == null ? null
                        : CatalogBuilder.build(changed, precision, REGISTRY, clustering, rows.snapshot());
                Catalog actual = built == null ? rows.snapshot() : built.catalog();
                check(actual, model);
                assertThat(actual.version()).isEqualTo(expected.version());
                for (String name : SPACES.keySet()) {
                    Embeddings e = expected.embeddings(name);
                    Embeddings a = actual.embeddings(name);
                    assertThat(a == null).as(name).isEqualTo(e == null);
                    if (e != null) {
                        assertThat(a.version()).as(name).isEqualTo(e.version());
                        for (int r = 0; r < expected.size(); r++) {
                            assertThat(a.vector(r)).as(name).containsExactly(e.vector(r));
                        }
                        assertThat(a.clusters() != null).as(name).isEqualTo(clustering != null);
                    }
                }
                if (built != null) {
                    rows = CatalogRows.of(built, codes, 0, 0, SPACES);
                }
            }
        }
    }

    @Test
    void aCatalogOfDefaultAloneKeepsTheVersionItAlwaysHad() {
        // the hash a pod reported before models existed: ids, default's float bytes, facets (CatalogBuilderTest's rows)
        List<CatalogBuilder.Row> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(new CatalogBuilder.Row("item-" + i, "title of item-" + i, new float[] {i, -i, 0.5f}));
        }
        String single = CatalogBuilder.build(rows, PrecisionPreference.FLOAT32).catalog().version();
        RowBuffer buffer = new RowBuffer(new FacetCodes(CatalogBuilder.facetNames(List.of())),
                Map.of(ModelNames.DEFAULT, 3));
        rows.forEach(buffer::add);
        assertThat(CatalogBuilder.build(buffer, PrecisionPreference.FLOAT32, ModelRegistry.legacy(3)).catalog().version())
                .isEqualTo(single);
    }

    /** Every item with a vector in some model is a row; each model has exactly the vectors its items have. */
    private static void check(Catalog catalog, Map<String, CatalogBuilder.Row> model) {
        List<String> expectedIds = model.values().stream()
                .filter(row -> SPACES.entrySet().stream().anyMatch(s -> fits(row.vectors().get(s.getKey()), s.getValue())))
                .map(CatalogBuilder.Row::itemId).toList();
        assertThat(catalog.itemIds()).containsExactlyElementsOf(expectedIds);
        for (Map.Entry<String, Integer> space : SPACES.entrySet()) {
            Embeddings embeddings = catalog.embeddings(space.getKey());
            int dimension = space.getValue();
            for (int r = 0; r < catalog.size(); r++) {
                float[] vector = model.get(catalog.itemIds()[r]).vectors().get(space.getKey());
                boolean has = fits(vector, dimension);
                assertThat(embeddings != null && embeddings.has(r)).as(catalog.itemIds()[r] + " in " + space.getKey())
                        .isEqualTo(has);
                if (has) {
                    assertThat(embeddings.vector(r)).containsExactly(vector);
                }
                Clusters clusters = embeddings == null ? null : embeddings.clusters();
                if (clusters != null) {
                    assertThat(clusters.clusterOf(r) == clusters.absent()).as(catalog.itemIds()[r] + " absent")
                            .isEqualTo(!has);
                }
            }
        }
    }

    private static boolean fits(float[] vector, int dimension) {
        return vector != null && vector.length == dimension;
    }

    private static CatalogBuilder.Built build(Map<String, CatalogBuilder.Row> model, PrecisionPreference precision,
                                              CatalogClustering clustering) {
        RowBuffer buffer = new RowBuffer(new FacetCodes(FACETS), SPACES);
        model.values().forEach(buffer::add);
        return CatalogBuilder.build(buffer, precision, REGISTRY, clustering, null);
    }

    private static CatalogBuilder.Row randomRow(SplittableRandom rnd, String id) {
        Map<String, float[]> vectors = new LinkedHashMap<>();
        if (rnd.nextInt(4) > 0) {
            vectors.put(ModelNames.DEFAULT, vector(rnd, rnd.nextInt(10) == 0 ? 3 : 4));
        }
        if (rnd.nextBoolean()) {
            vectors.put(V2, vector(rnd, 6));
        }
        Map<String, Object> facets = rnd.nextBoolean() ? Map.of("language", rnd.nextBoolean() ? "en" : "fr") : Map.of();
        return new CatalogBuilder.Row(id, "title " + rnd.nextInt(3), vectors, facets);
    }

    private static float[] vector(SplittableRandom rnd, int dimension) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = rnd.nextInt(7) - 3;
        }
        return v;
    }
}
