package com.example.profiles.catalog;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.example.profiles.config.RecommendConfig.PrecisionPreference;
import com.example.profiles.kernel.Metric;
import com.example.profiles.model.ModelDefinition;
import com.example.profiles.model.ModelNames;
import com.example.profiles.model.ModelRegistry;

/**
 * The live set of a snapshot of two models over the same items ({@code default} and {@code books-v2}, both
 * {@code DIMENSION}), built as a load builds it (rows into a {@link RowBuffer}, then {@link CatalogBuilder}),
 * for each precision; compared with the same items in {@code default} alone. Live set: used heap after
 * repeated full GCs with the snapshot held, minus the same with it released. Runs only when asked:
 * {@code ./mvnw -o test -Dtest=TwoModelMemoryBenchmark -Dmemory.bench.items=1000000 -DargLine=-Xmx6g}.
 */
@EnabledIfSystemProperty(named = "memory.bench.items", matches = "\\d+")
class TwoModelMemoryBenchmark {

    private static final int DIMENSION = 64;
    private static final String V2 = "books-v2";
    private static final List<String> FACETS = CatalogBuilder.facetNames(List.of("language"));

    @Test
    void liveSetOfTwoModels() {
        int items = Integer.getInteger("memory.bench.items");
        for (PrecisionPreference precision : List.of(PrecisionPreference.FLOAT32, PrecisionPreference.INT8)) {
            long one = liveSet(items, precision, false);
            long two = liveSet(items, precision, true);
            System.out.printf("[memory] %,d items x %d, %s: default alone %,.0f MiB, default + %s %,.0f MiB"
                    + " (the second model adds %,.0f MiB, %.0f bytes per item)%n", items, DIMENSION, precision,
                    one / 1048576.0, V2, two / 1048576.0, (two - one) / 1048576.0, (two - one) / (double) items);
        }
    }

    private static long liveSet(int items, PrecisionPreference precision, boolean twoModels) {
        long empty = usedAfterGc();
        Catalog catalog = build(items, precision, twoModels);
        long held = usedAfterGc();
        if (catalog.size() != items || (catalog.embeddings(V2) == null) == twoModels) {
            throw new AssertionError("unexpected snapshot");
        }
        return held - empty;
    }

    private static Catalog build(int items, PrecisionPreference precision, boolean twoModels) {
        Map<String, Integer> spaces = new TreeMap<>(Map.of(ModelNames.DEFAULT, DIMENSION));
        Map<String, ModelDefinition> models = new TreeMap<>(Map.of(ModelNames.DEFAULT,
                new ModelDefinition(ModelNames.DEFAULT, DIMENSION, Metric.DOT, null, null, null)));
        if (twoModels) {
            spaces.put(V2, DIMENSION);
            models.put(V2, new ModelDefinition(V2, DIMENSION, Metric.DOT, null, Instant.EPOCH, null));
        }
        RowBuffer buffer = new RowBuffer(new FacetCodes(FACETS), spaces);
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < items; i++) {
            Map<String, float[]> vectors = new TreeMap<>();
            for (String model : spaces.keySet()) {
                float[] v = new float[DIMENSION];
                for (int d = 0; d < DIMENSION; d++) {
                    v[d] = (float) rnd.nextGaussian();
                }
                vectors.put(model, v);
            }
            buffer.add(new CatalogBuilder.Row(String.format("item-%07d", i), "Title of item " + i, vectors,
                    Map.of("language", i % 3 == 0 ? "en" : "fr")));
        }
        return CatalogBuilder.build(buffer, precision, new ModelRegistry(models, null, 1)).catalog();
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
