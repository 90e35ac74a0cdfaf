package com.example.profiles.recommend;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.example.profiles.catalog.CatalogHolder;
import com.example.profiles.catalog.CatalogRefresh;
import com.example.profiles.catalog.CatalogRefresher;
import com.example.profiles.catalog.Clusters;
import com.example.profiles.model.ModelNames;
import com.example.profiles.support.Json;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Recommendations and similar items over HTTP, against the real engine, on a small catalog of tight groups whose
 * embeddings the pod lays out in clusters (int8 precision): the answers skip most of the catalog
 * ({@code model.scan = pruned}, {@code model.scanned} below its size) and equal a brute force over the items
 * written here, ids, order and scores, under filters, exclusions, {@code max_per} and {@code offset}; after an
 * incremental refresh that adds, moves and deletes items, still exactly, on the centroids of the first fit.
 * Embeddings are small integers, so every score is exact in any summation order; ties go by item id.
 */
@QuarkusTest
@TestProfile(PrunedRecommendationTest.Pruning.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrunedRecommendationTest {

    public static class Pruning implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recommend.pruning.mode", "on", "recommend.precision", "int8",
                    "recommend.items-table", "PrunedItems" + System.nanoTime(),
                    "profiles.auth.enabled", "false",
                    // refreshes happen when the test asks
                    "recommend.catalog.refresh", "1h",
                    "recommend.catalog.change-overlap", "300ms");
        }
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int DIMENSION = 8;
    private static final int GROUPS = 16;
    private static final int PER_GROUP = 40;
    private static final String MINE = "published_year <= -5000";
    private static final String[] AUTHORS = {"Ada Ink", "Ben Quill", "Cy Folio", "Dot Serif", "Eve Margin", "Fay Quire",
        "Gil Press", "Hal Vellum", "Ivy Octavo", "Jon Recto", "Kit Verso", "Lou Gutter"};
    private static final String[] SERIES = {"Moons", "Tides", "Ember"};

    /** What the test wrote, by item id (sorted: the tie order). */
    private static final Map<String, Book> BOOKS = new TreeMap<>();
    private static final Map<String, int[]> READERS = new HashMap<>();
    /** What reader 0 bought: explain=true names the closest of them (their rows, read from the layout). */
    private static final List<String> PURCHASED = List.of("pr-01-003", "pr-05-010", "pr-09-020", "pr-13-030");
    private static Clusters fitted;

    @Inject
    CatalogRefresher refresher;
    @Inject
    CatalogHolder catalogs;

    record Book(String id, int[] embedding, String author, String series, boolean inStock, int price) {

        long dot(int[] q) {
            long s = 0;
            for (int i = 0; i < q.length; i++) {
                s += (long) embedding[i] * q[i];
            }
            return s;
        }
    }

    @Test
    @Order(1)
    void prunedAnswersEqualTheBruteForce() {
        SplittableRandom rnd = new SplittableRandom(7);
        List<Book> written = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            int[] centre = ints(rnd, 30);
            for (int m = 0; m < PER_GROUP; m++) {
                written.add(book(rnd, String.format("pr-%02d-%03d", g, m), near(rnd, centre)));
            }
        }
        write(written);
        for (int u = 0; u < 3; u++) {
            reader("pr-reader-" + u, ints(rnd, 5), u == 0 ? PURCHASED : List.of());
        }
        refresher.reload().await().atMost(WAIT);
        fitted = catalogs.current().embeddings(ModelNames.DEFAULT).clusters();
        assertThat(fitted).as("the model's embeddings are laid out in clusters").isNotNull();

        checkEverything();

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(sample(metrics, "recommend_scan_total", "scan=\"pruned\"")).isPositive();
        assertThat(sample(metrics, "recommend_scanned_rows_count", "")).isPositive();
        assertThat(sample(metrics, "recommend_scanned_rows_max", "")).isPositive();
        assertThat(sample(metrics, "recommend_clusters_pruned_count", "")).isPositive();
        assertThat(sample(metrics, "recommend_clusters_pruned_sum", "")).isPositive();
    }

    /** The value of the first sample of {@code name} whose labels contain {@code labels}. */
    private static double sample(String metrics, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{(.*)\\})? (\\S+)$").matcher(metrics);
        while (m.find()) {
            if ((m.group(1) == null ? "" : m.group(1)).contains(labels)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no sample " + name + "{" + labels + "}");
    }

    @Test
    @Order(2)
    void afterAnIncrementalRefreshNewMovedAndDeletedItemsAreStillExact() throws InterruptedException {
        // A refresh re-reads the overlap window before the previous read: let the first writes fall out of it.
        Thread.sleep(400);
        SplittableRandom rnd = new SplittableRandom(11);
        List<Book> written = new ArrayList<>();
        // a new group right where reader 0 looks: its members must lead that reader's answers
        int[] toward = READERS.get("pr-reader-0").clone();
        for (int i = 0; i < DIMENSION; i++) {
            toward[i] *= 8;
        }
        for (int m = 0; m < 20; m++) {
            written.add(book(rnd, String.format("pr-new-%03d", m), near(rnd, toward)));
        }
        // existing items moved far from their group, some next to the new group
        for (int g = 0; g < 4; g++) {
            String id = String.format("pr-%02d-%03d", g, 5);
            written.add(book(rnd, id, g % 2 == 0 ? near(rnd, toward) : ints(rnd, 30)));
        }
        write(written);
        List<String> deleted = List.of("pr-03-001", "pr-07-002", "pr-11-003");
        for (String id : deleted) {
            given().delete("/v1/items/" + id).then().statusCode(org.hamcrest.Matchers.oneOf(200, 204));
            BOOKS.remove(id);
        }

        refresher.reload().await().atMost(WAIT);
        assertThat(refresher.lastRefresh().kind()).isEqualTo(CatalogRefresh.Kind.INCREMENTAL);
        assertThat(refresher.lastRefresh().rebuilt()).isTrue();
        Clusters now = catalogs.current().embeddings(ModelNames.DEFAULT).clusters();
        assertThat(now.model()).as("an incremental refresh keeps the fitted centroids").isSameAs(fitted.model());
        assertThat(now.index().matrix().rows()).isEqualTo(catalogs.current().size());

        checkEverything();
        List<String> top = recommend("pr-reader-0", Map.of("filter", MINE, "k", 5, "metric", "dot"))
                .getList("items.item_id", String.class);
        assertThat(top).allMatch(id -> id.startsWith("pr-new-") || id.endsWith("-005"));
        assertThat(top).doesNotContainAnyElementsOf(deleted);
    }

    /** Every control, for every reader, and similar items of a few items: each answer against the brute force. */
    private void checkEverything() {
        int size = catalogs.current().size();
        record Case(String filter, Predicate<Book> keep, String maxPer, int offset, int k) {
        }
        List<Case> cases = List.of(
                new Case(MINE, b -> true, null, 0, 10),
                new Case(MINE + " and in_stock", Book::inStock, null, 0, 10),
                new Case(MINE + " and price <= 20", b -> b.price() <= 20, "authors:2", 0, 5),
                new Case(MINE, b -> true, "series:1", 2, 3),
                new Case(MINE + " and in_stock", Book::inStock, "authors:1", 3, 4));
        int pruned = 0;
        int prunedWalks = 0;
        int answers = 0;
        for (Map.Entry<String, int[]> reader : READERS.entrySet()) {
            for (Case c : cases) {
                Map<String, Object> params = new HashMap<>(Map.of("filter", c.filter(), "k", c.k(), "offset",
                        c.offset(), "metric", "dot"));
                if (c.maxPer() != null) {
                    params.put("max_per", c.maxPer());
                }
                JsonPath answer = recommend(reader.getKey(), params);
                String what = reader.getKey() + " " + params;
                List<Book> expected = expected(byScore(reader.getValue()), c.keep(), Set.of(), c.maxPer(), c.offset(),
                        c.k());
                assertExact(answer, expected, reader.getValue(), what);
                int wasPruned = checkScan(answer, size, what);
                if (c.maxPer() == null) {
                    assertThat(wasPruned).as(what + ": pruned").isEqualTo(1);
                }
                prunedWalks += c.maxPer() == null ? 0 : wasPruned;
                pruned += wasPruned;
                answers++;
            }
            // exclusions: the best two items left out
            List<Book> best = expected(byScore(reader.getValue()), b -> true, Set.of(), null, 0, 2);
            Set<String> excluded = Set.of(best.get(0).id(), best.get(1).id());
            JsonPath answer = recommend(reader.getKey(), Map.of("filter", MINE, "k", 6, "metric", "dot",
                    "exclude_ids", String.join(",", excluded)));
            assertExact(answer, expected(byScore(reader.getValue()), b -> true, excluded, null, 0, 6),
                    reader.getValue(), reader.getKey() + " excluding " + excluded);
            assertThat(checkScan(answer, size, "exclusions")).as(reader.getKey() + " excluding: pruned").isEqualTo(1);
            pruned++;
            answers++;
        }
        JsonPath explained = recommend("pr-reader-0", Map.of("filter", MINE, "k", 6, "metric", "dot", "explain", "true"));
        for (Map<String, Object> item : explained.<Map<String, Object>>getList("items")) {
            Book book = BOOKS.get((String) item.get("item_id"));
            Book closest = PURCHASED.stream().map(BOOKS::get)
                    .min(Comparator.<Book>comparingLong(p -> -p.dot(book.embedding())).thenComparing(Book::id))
                    .orElseThrow();
            @SuppressWarnings("unchecked")
            Map<String, Object> because = (Map<String, Object>) item.get("because");
            assertThat(because.get("item_id")).as("because of " + book.id()).isEqualTo(closest.id());
            assertThat(((Number) because.get("similarity")).doubleValue()).isEqualTo((double) closest.dot(book.embedding()));
        }
        for (String id : List.of("pr-00-000", "pr-07-017", "pr-15-039")) {
            Book item = BOOKS.get(id);
            JsonPath answer = given().queryParams(Map.of("filter", MINE + " and in_stock", "k", 8, "metric", "dot",
                            "max_per", "authors:3"))
                    .get("/v1/items/" + id + "/similar").then().statusCode(200).extract().jsonPath();
            assertExact(answer, expected(byScore(item.embedding()), Book::inStock, Set.of(id), "authors:3", 0, 8),
                    item.embedding(), "similar to " + id);
            pruned += checkScan(answer, size, "similar to " + id);
            answers++;
        }
        // The planner decides per request: on these tight groups it prunes the plain searches always and most
        // max_per walks (a walk that must reach far down the order is better served by a full scan).
        assertThat(prunedWalks).as("pruned max_per walks").isPositive();
        assertThat(pruned).as("pruned answers of " + answers).isGreaterThanOrEqualTo(answers / 2);
    }

    private static void assertExact(JsonPath answer, List<Book> expected, int[] query, String what) {
        assertThat(answer.getList("items.item_id", String.class)).as(what)
                .isEqualTo(expected.stream().map(Book::id).toList());
        assertThat(answer.getList("items.score", Float.class)).as(what)
                .isEqualTo(expected.stream().map(b -> (float) b.dot(query)).toList());
        assertThat(answer.getString("model.precision")).as(what).isEqualTo("int8");
    }

    /** 1 when the answer was pruned; then it scanned fewer rows than the catalog holds. */
    private static int checkScan(JsonPath answer, int catalogSize, String what) {
        String scan = answer.getString("model.scan");
        assertThat(scan).as(what).isIn("full", "gather", "pruned");
        long scanned = answer.getLong("model.scanned");
        assertThat(scanned).as(what).isPositive();
        if (!scan.equals("pruned")) {
            return 0;
        }
        assertThat(scanned).as(what + ": rows scanned").isLessThan(catalogSize / 2);
        assertThat(answer.getLong("model.candidates")).as(what).isLessThanOrEqualTo(scanned);
        return 1;
    }

    /** The brute force: my books passing {@code keep}, not excluded, in order, walked with max_per, paged. */
    private static List<Book> expected(Comparator<Book> order, Predicate<Book> keep, Set<String> excluded,
                                       String maxPer, int offset, int k) {
        String facet = maxPer == null ? null : maxPer.substring(0, maxPer.indexOf(':'));
        int per = maxPer == null ? 0 : Integer.parseInt(maxPer.substring(maxPer.indexOf(':') + 1));
        List<Book> books = BOOKS.values().stream().filter(keep).filter(b -> !excluded.contains(b.id()))
                .sorted(order).toList();
        Map<String, Integer> taken = new HashMap<>();
        List<Book> walked = new ArrayList<>();
        for (Book b : books) {
            String group = facet == null ? null : facet.equals("authors") ? b.author() : b.series();
            if (group != null) {
                if (taken.getOrDefault(group, 0) >= per) {
                    continue;
                }
                taken.merge(group, 1, Integer::sum);
            }
            walked.add(b);
        }
        return walked.subList(Math.min(offset, walked.size()), Math.min(offset + k, walked.size()));
    }

    private static Comparator<Book> byScore(int[] q) {
        return Comparator.<Book>comparingLong(b -> -b.dot(q)).thenComparing(Book::id);
    }

    private static JsonPath recommend(String user, Map<String, Object> params) {
        return given().queryParams(params).get("/v1/users/" + user + "/recommendations")
                .then().statusCode(200).extract().jsonPath();
    }

    private static Book book(SplittableRandom rnd, String id, int[] embedding) {
        return new Book(id, embedding, AUTHORS[rnd.nextInt(AUTHORS.length)],
                rnd.nextInt(4) == 0 ? null : SERIES[rnd.nextInt(SERIES.length)], rnd.nextInt(3) > 0,
                5 + rnd.nextInt(30));
    }

    /** Writes the books in one import and remembers them. */
    private static void write(List<Book> books) {
        StringBuilder lines = new StringBuilder();
        for (Book b : books) {
            Json.Obj attributes = Json.object().put("published_year", -5000 - BOOKS.size()).put("in_stock", b.inStock())
                    .put("price", b.price());
            if (b.series() != null) {
                attributes.put("series", b.series());
            }
            float[] embedding = new float[DIMENSION];
            for (int d = 0; d < DIMENSION; d++) {
                embedding[d] = b.embedding()[d];
            }
            lines.append(Json.object().put("item_id", b.id()).put("title", "Book " + b.id())
                    .put("authors", Json.array(b.author())).put("attributes", attributes)
                    .put("embedding", Json.numbers(embedding))).append('\n');
            BOOKS.put(b.id(), b);
        }
        given().contentType("application/x-ndjson").body(lines.toString().getBytes(StandardCharsets.UTF_8))
                .post("/v1/items/import").then().statusCode(200)
                .body("imported", org.hamcrest.Matchers.equalTo(books.size()));
    }

    private static void reader(String id, int[] features, List<String> purchased) {
        float[] f = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            f[d] = features[d];
        }
        given().contentType(ContentType.JSON)
                .body(Json.object().put("user_name", "Reader").put("user_features", Json.numbers(f))
                        .put("attributes", Json.object().put("purchased", Json.array(purchased.toArray()))).toString())
                .put("/v1/users/" + id).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        READERS.put(id, features);
    }

    private static int[] ints(SplittableRandom rnd, int bound) {
        int[] v = new int[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            v[i] = rnd.nextInt(2 * bound + 1) - bound;
        }
        return v;
    }

    private static int[] near(SplittableRandom rnd, int[] centre) {
        int[] v = centre.clone();
        for (int i = 0; i < DIMENSION; i++) {
            v[i] += rnd.nextInt(3) - 1;
        }
        return v;
    }
}
