package com.example.profiles.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.inject.Inject;

import com.example.profiles.model.ModelNames;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.example.profiles.config.RecommendConfig;
import com.example.profiles.dynamo.PagedScan;
import com.example.profiles.support.Json;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An incremental refresh builds exactly the snapshot a full load of the same table builds, whatever sequence
 * of puts, updates (facet-only ones included) and deletes came before it; a refresh after no change reads
 * nothing; a deleted item leaves the recommendations at the next refresh.
 */
@QuarkusTest
@TestProfile(IncrementalRefreshTest.OwnTable.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncrementalRefreshTest {

    public static class OwnTable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recommend.items-table", "RefreshItems" + System.nanoTime(),
                    "profiles.auth.enabled", "false",
                    // Refreshes happen when the test asks, not behind its back.
                    "recommend.catalog.refresh", "1h",
                    "recommend.catalog.change-overlap", "300ms");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int DIMENSION = 4;
    private static final List<String> LANGUAGES = List.of("en", "fr", "de");
    private static final List<String> GENRES = List.of("fantasy", "crime", "poetry", "history");

    @Inject
    CatalogRefresher refresher;
    @Inject
    CatalogHolder catalogs;
    @Inject
    CatalogConfig catalogConfig;
    @Inject
    ItemService items;
    @Inject
    ItemStore store;
    @Inject
    RecommendConfig config;

    @Test
    @Order(1)
    void randomWritesAndDeletesThenIncrementalRefreshEqualsAFullLoad() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        String context = "seed " + seed;
        Map<String, CatalogBuilder.Row> model = new TreeMap<>();
        Catalog first = refresher.reload().await().atMost(WAIT);
        assertThat(first.size()).as(context).isZero();
        for (int round = 0; round < 25; round++) {
            int operations = 1 + random.nextInt(8);
            for (int op = 0; op < operations; op++) {
                String id = "eq-" + random.nextInt(30);
                int kind = random.nextInt(10);
                CatalogBuilder.Row existing = model.get(id);
                if (kind < 2) {
                    items.delete(id).await().atMost(WAIT);
                    model.remove(id);
                } else if (kind < 5 && existing != null) {
                    // facet-only change: same title and embedding
                    CatalogBuilder.Row changed = new CatalogBuilder.Row(id, existing.title(), existing.embedding(),
                            randomFacets(random));
                    write(changed);
                    model.put(id, changed);
                } else {
                    CatalogBuilder.Row row = new CatalogBuilder.Row(id, "Title " + random.nextInt(1000),
                            randomEmbedding(random), randomFacets(random));
                    write(row);
                    model.put(id, row);
                }
            }
            Catalog refreshed = refresher.reload().await().atMost(WAIT);
            String at = context + ", round " + round;
            assertThat(refresher.lastRefresh().kind()).as(at).isEqualTo(CatalogRefresh.Kind.INCREMENTAL);
            Catalog full = fullLoad();
            Catalog expected = build(new ArrayList<>(model.values()));
            assertThat(expected.version()).as(at + ": the test's model and the table agree").isEqualTo(full.version());
            assertSameSnapshot(refreshed, full, at);
            assertThat(catalogs.current()).as(at).isSameAs(refreshed);
        }
    }

    @Test
    @Order(2)
    void aRefreshAfterNoChangeReadsNothingAndKeepsTheSnapshot() throws InterruptedException {
        // A refresh re-reads the overlap window before the previous read began: wait it out before that read,
        // so that no write of an earlier test still falls into the window of the refresh under test.
        Thread.sleep(catalogConfig.changeOverlap().toMillis() + 200);
        Catalog before = refresher.reload().await().atMost(WAIT);
        long readBefore = refresher.itemsRead(CatalogRefresh.Kind.INCREMENTAL);
        Catalog after = refresher.reload().await().atMost(WAIT);
        CatalogRefresh refresh = refresher.lastRefresh();
        assertThat(refresh.kind()).isEqualTo(CatalogRefresh.Kind.INCREMENTAL);
        assertThat(refresh.itemsRead()).isZero();
        assertThat(refresh.rebuilt()).isFalse();
        assertThat(refresher.itemsRead(CatalogRefresh.Kind.INCREMENTAL)).isEqualTo(readBefore);
        assertThat(after).isSameAs(before);
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("catalog_refresh_items_read_total{kind=\"incremental\"}"));
    }

    @Test
    @Order(3)
    void aDeletedItemLeavesTheRecommendationsAtTheNextRefresh() {
        // far above the items of the other tests, whose numbers stay within +-10
        putItem("del-near", new float[] {100, 0, 0, 0});
        putItem("del-far", new float[] {50, 0, 0, 0});
        given().contentType(ContentType.JSON)
                .body(Json.object().put("user_name", "Reader").put("user_features", Json.numbers(new float[] {1, 0, 0, 0}))
                        .toString())
                .put("/v1/users/del-reader").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        given().post("/v1/catalog/reload").then().statusCode(200);
        given().queryParam("k", 50).get("/v1/users/del-reader/recommendations")
                .then().statusCode(200).body("items[0].item_id", org.hamcrest.Matchers.equalTo("del-near"));

        given().delete("/v1/items/del-near").then().statusCode(204);
        given().get("/v1/items/del-near").then().statusCode(404);
        given().post("/v1/catalog/reload").then().statusCode(200);

        assertThat(refresher.lastRefresh().kind()).isEqualTo(CatalogRefresh.Kind.INCREMENTAL);
        given().queryParam("k", 50).get("/v1/users/del-reader/recommendations")
                .then().statusCode(200).body("items.item_id", not(hasItem("del-near")))
                .body("items[0].item_id", org.hamcrest.Matchers.equalTo("del-far"));
        assertSameSnapshot(catalogs.current(), fullLoad(), "after the delete");

        // Written again, the item is new (201) and comes back.
        given().contentType(ContentType.JSON)
                .body(Json.object().put("title", "Back").put("embedding", Json.numbers(new float[] {100, 0, 0, 0})).toString())
                .put("/v1/items/del-near").then().statusCode(201);
        given().post("/v1/catalog/reload").then().statusCode(200);
        given().queryParam("k", 50).get("/v1/users/del-reader/recommendations")
                .then().statusCode(200).body("items[0].item_id", org.hamcrest.Matchers.equalTo("del-near"));
    }

    private static void putItem(String id, float[] embedding) {
        given().contentType(ContentType.JSON)
                .body(Json.object().put("title", id).put("embedding", Json.numbers(embedding)).toString())
                .put("/v1/items/" + id).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    private void write(CatalogBuilder.Row row) {
        CatalogItem item = new CatalogItem();
        item.setItemId(row.itemId());
        item.setTitle(row.title());
        item.setEmbedding(row.embedding());
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        row.facets().forEach((name, value) -> {
            if (name.equals(ItemFacets.AUTHORS)) {
                @SuppressWarnings("unchecked")
                List<String> authors = (List<String>) value;
                item.setAuthors(authors);
            } else if (value instanceof String s) {
                attributes.put(name, AttributeValue.fromS(s));
            } else if (value instanceof Boolean b) {
                attributes.put(name, AttributeValue.fromBool(b));
            } else if (value instanceof Double d) {
                attributes.put(name, AttributeValue.fromN(Double.toString(d)));
            } else {
                @SuppressWarnings("unchecked")
                List<String> list = (List<String>) value;
                attributes.put(name, AttributeValue.fromL(list.stream().map(AttributeValue::fromS).toList()));
            }
        });
        // an attribute that is not a facet: a change to it alone changes no snapshot
        attributes.put("note", AttributeValue.fromS("n" + row.hashCode()));
        item.setAttributes(attributes);
        items.put(item).await().atMost(WAIT);
    }

    private static float[] randomEmbedding(Random random) {
        float[] embedding = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            embedding[i] = random.nextInt(21) - 10;
        }
        return embedding;
    }

    /** Facets in the order the catalog reads them (authors first, then the configured ones). */
    private static Map<String, Object> randomFacets(Random random) {
        Map<String, Object> facets = new LinkedHashMap<>();
        if (random.nextBoolean()) {
            facets.put("authors", List.of("Author " + random.nextInt(5)));
        }
        if (random.nextBoolean()) {
            facets.put("language", LANGUAGES.get(random.nextInt(LANGUAGES.size())));
        }
        if (random.nextBoolean()) {
            facets.put("genres", List.of(GENRES.get(random.nextInt(GENRES.size())), GENRES.get(random.nextInt(GENRES.size()))));
        }
        if (random.nextBoolean()) {
            facets.put("in_stock", random.nextBoolean());
        }
        if (random.nextBoolean()) {
            facets.put("price", (double) random.nextInt(5000) / 100);
        }
        return facets;
    }

    private Catalog build(List<CatalogBuilder.Row> rows) {
        return CatalogBuilder.build(rows, config.precision(), catalogConfig.facets(), dimension()).catalog();
    }

    /** The dimension the store keeps. */
    private int dimension() {
        return store.storedDimension().await().atMost(WAIT);
    }

    /** What a full load of the table builds now. */
    private Catalog fullLoad() {
        List<String> facets = CatalogBuilder.facetNames(catalogConfig.facets());
        List<CatalogBuilder.Row> rows = store.scanForCatalog(new PagedScan.Policy(2, Duration.ofSeconds(30), 3,
                        Duration.ofMillis(100)), facets, List.of(ModelNames.DEFAULT), new LongAdder())
                .map(item -> new CatalogBuilder.Row(item.getItemId(), item.getTitle(), item.getVectors(),
                        ItemFacets.of(item, facets)))
                .collect().asList().await().atMost(WAIT);
        return build(rows);
    }

    private static void assertSameSnapshot(Catalog actual, Catalog expected, String context) {
        assertThat(actual.version()).as(context + ": version").isEqualTo(expected.version());
        assertThat(actual.itemIds()).as(context + ": ids").containsExactly(expected.itemIds());
        assertThat(actual.titles()).as(context + ": titles").containsExactly(expected.titles());
        if (expected.size() > 0) {
            assertThat(actual.embeddings(ModelNames.DEFAULT).matrix().data()).as(context + ": embeddings")
                    .containsExactly(expected.embeddings(ModelNames.DEFAULT).matrix().data());
        }
        assertThat(actual.facets().names()).as(context + ": facet names").isEqualTo(expected.facets().names());
        assertThat(actual.facets().groups("language")).as(context + ": language").containsExactly(expected.facets().groups("language"));
        assertThat(actual.facets().numbers("price")).as(context + ": price").isEqualTo(expected.facets().numbers("price"));
    }
}
