package com.example.profiles.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.example.profiles.config.RecommendConfig;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Measures, with the service's own counters, how many items a catalog refresh reads from the store: a full
 * load, then incremental refreshes after 0, 10 and 1,000 changes. Runs only when asked:
 * {@code ./mvnw -o test -Dtest=RefreshReadsBenchmark -Drefresh.bench.items=100000}; writes
 * {@code target/refresh-reads.txt}.
 */
@QuarkusTest
@TestProfile(RefreshReadsBenchmark.OwnTable.class)
@EnabledIfSystemProperty(named = "refresh.bench.items", matches = "\\d+")
class RefreshReadsBenchmark {

    public static class OwnTable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recommend.items-table", "BenchItems" + System.nanoTime(),
                    "profiles.auth.enabled", "false",
                    "recommend.catalog.refresh", "1h",
                    "recommend.catalog.change-overlap", "2s");
        }
    }

    private static final Duration WAIT = Duration.ofMinutes(30);
    private static final int DIMENSION = 64;

    @Inject
    CatalogRefresher refresher;
    @Inject
    CatalogHolder catalogs;
    @Inject
    CatalogConfig catalogConfig;
    @Inject
    ItemService items;
    @Inject
    RecommendConfig config;

    @Test
    void itemsReadPerRefresh() throws Exception {
        int size = Integer.getInteger("refresh.bench.items");
        Random random = new Random(7);
        StringBuilder report = new StringBuilder();
        long seedStart = System.nanoTime();
        for (int from = 0; from < size; from += 5_000) {
            items.putAll(batch(random, from, Math.min(size, from + 5_000), "")).await().atMost(WAIT);
        }
        report.append(String.format("seeded %d items x %d dims through ItemService.putAll in %.1f s%n", size, DIMENSION,
                (System.nanoTime() - seedStart) / 1e9));
        long started = System.nanoTime();
        refresher.reload().await().atMost(WAIT);
        report.append(line("first refresh", started));
        // The first idle refresh still re-reads the rows seeded inside the overlap window before the first
        // refresh began; the second shows an idle refresh in steady state.
        for (int changes : new int[] {0, 0, 10, 1_000}) {
            // changes made before this sleep fall out of the overlap window
            Thread.sleep(catalogConfig.changeOverlap().toMillis() + 500);
            if (changes > 0) {
                items.putAll(batch(random, 0, changes, "changed ")).await().atMost(WAIT);
            }
            started = System.nanoTime();
            refresher.reload().await().atMost(WAIT);
            report.append(line(changes + " changes", started));
        }
        System.out.print(report);
        Files.writeString(Path.of("target", "refresh-reads.txt"), report);
    }

    private String line(String what, long started) {
        CatalogRefresh refresh = refresher.lastRefresh();
        return String.format("%-14s kind=%-11s items read=%7d rebuilt=%-5s catalog=%d in %d ms%s%n", what, refresh.kind(),
                refresh.itemsRead(), refresh.rebuilt(), catalogs.current().size(),
                (System.nanoTime() - started) / 1_000_000, refresh.reason() == null ? "" : " (" + refresh.reason() + ")");
    }

    private static List<CatalogItem> batch(Random random, int from, int to, String titlePrefix) {
        List<CatalogItem> batch = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            CatalogItem item = new CatalogItem();
            item.setItemId("bench-" + i);
            item.setTitle(titlePrefix + "Book " + i);
            float[] embedding = new float[DIMENSION];
            for (int d = 0; d < DIMENSION; d++) {
                embedding[d] = (float) random.nextGaussian();
            }
            item.setEmbedding(embedding);
            batch.add(item);
        }
        return batch;
    }
}
