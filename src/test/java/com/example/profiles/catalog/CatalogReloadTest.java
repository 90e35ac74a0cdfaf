package com.example.profiles.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/** Reloads asked for while one is running share it: one Scan of the table, one snapshot for all. */
@QuarkusTest
class CatalogReloadTest {

    @Inject
    CatalogRefresher refresher;
    @Inject
    CatalogHolder catalogs;

    @Test
    void concurrentReloadsShareOneLoad() {
        // Asked back to back, before the first load's Scan can have answered: all join that load.
        List<Uni<Catalog>> reloads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            reloads.add(refresher.reload());
        }
        List<Catalog> loaded = reloads.stream().map(r -> r.await().atMost(Duration.ofSeconds(30))).toList();
        assertThat(loaded).allSatisfy(c -> assertThat(c).isSameAs(loaded.get(0)));
        assertThat(catalogs.current().version()).isEqualTo(loaded.get(0).version()); // swapped in (or an identical refresh)
    }
}
