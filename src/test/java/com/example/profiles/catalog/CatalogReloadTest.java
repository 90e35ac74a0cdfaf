package com.example.profiles.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Reloads asked for while one is running share it: one Scan of the table, one snapshot for all. */
@QuarkusTest
class CatalogReloadTest {

    @Inject
    CatalogService catalogs;

    @Test
    void concurrentReloadsShareOneLoad() {
        List<CompletableFuture<Catalog>> reloads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            reloads.add(catalogs.reload().subscribeAsCompletionStage());
        }
        List<Catalog> loaded = reloads.stream().map(CompletableFuture::join).toList();
        assertThat(loaded).allSatisfy(c -> assertThat(c).isSameAs(loaded.get(0)));
        assertThat(catalogs.current()).isSameAs(loaded.get(0));
    }
}
