package com.example.profiles.recommend;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.Json;
import com.example.profiles.support.TestCatalog;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The shop's controls over HTTP: filters, exclusions, max_per, offset, reasons, cold start and similar items,
 * each answer checked against a brute force over the items written here. Those items carry a published_year
 * from 3000 on, which no other test uses, so every request here filters on it and sees only them; their
 * embeddings are small integers, so every score is exact in any summation order.
 */
@QuarkusTest
@ExtendWith(AllRolesToken.class)
class RecommendationControlsTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static final String MINE = "published_year >= 3000";
    private static final String[] AUTHORS = {"Ada Ink", "Ben Quill", "Cy Folio", "Dot Serif"};
    private static final String[] SERIES = {"Moons", "Tides", "Ember"};
    private static final String[] GENRES = {"fantasy", "sci-fi", "crime"};
    private static final int ITEMS = 40;
    private static final int[] READER = {3, -1, 2, 0, 1, -2, 1, 0};

    /** What the test wrote, by item id. */
    private static final Map<String, Book> BOOKS = new HashMap<>();
    private static boolean seeded;

    record Book(String id, int[] embedding, List<String> authors, String series, String language, boolean inStock,
                int price, List<String> genres, int popularity) {

        long dot(int[] q) {
            long s = 0;
            for (int i = 0; i < q.length; i++) {
                s += (long) embedding[i] * q[i];
            }
            return s;
        }
    }

    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        seeded = true;
        TestCatalog.ensureDimension();
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < ITEMS; i++) {
            int[] e = new int[8];
            for (int d = 0; d < 7; d++) {
                e[d] = rnd.nextInt(11) - 5;
            }
            Book b = new Book(String.format("ctl-%02d", i), e, List.of(AUTHORS[rnd.nextInt(AUTHORS.length)]),
                    rnd.nextInt(3) == 0 ? null : SERIES[rnd.nextInt(SERIES.length)], i % 4 == 0 ? "fre" : "eng",
                    i % 5 != 0, 5 + rnd.nextInt(30), List.of(GENRES[i % 3], GENRES[(i / 3) % 3]), rnd.nextInt(5) * 100);
            BOOKS.put(b.id(), b);
            Json.Obj attributes = Json.object().put("published_year", 3000 + i).put("language", b.language())
                    .put("in_stock", b.inStock()).put("price", b.price()).put("genres", Json.array(b.genres().toArray()))
                    .put("popularity", b.popularity());
            if (b.series() != null) {
                attributes.put("series", b.series());
            }
            float[] embedding = new float[8];
            for (int d = 0; d < 8; d++) {
                embedding[d] = e[d];
            }
            given().contentType(ContentType.JSON)
                    .body(Json.object().put("title", "Book " + i).put("authors", Json.array(b.authors().toArray()))
                            .put("attributes", attributes).put("embedding", Json.numbers(embedding)).toString())
                    .put("/v1/items/" + b.id()).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        }
        float[] reader = new float[8];
        for (int d = 0; d < 8; d++) {
            reader[d] = READER[d];
        }
        user("ctl-reader", reader, Json.object().put("purchased", Json.array("ctl-03", "ctl-07", "not-an-item")));
        user("ctl-new", null, Json.object().put("interests", Json.array("crime")));
        user("ctl-newer", null, Json.object());
        given().post("/v1/catalog/reload").then().statusCode(200);
    }

    private static void user(String id, float[] features, Json.Obj attributes) {
        Json.Obj body = Json.object().put("user_name", "Reader").put("attributes", attributes);
        if (features != null) {
            body.put("user_features", Json.numbers(features));
        }
        given().contentType(ContentType.JSON).body(body.toString()).put("/v1/users/" + id)
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    /** The brute force: my books passing {@code keep}, by score then id, walked with max_per, then the page. */
    private static List<String> expected(Comparator<Book> order, Predicate<Book> keep, String maxPerFacet, int maxPer,
                                         int offset, int k) {
        List<Book> books = BOOKS.values().stream().filter(keep).sorted(order).toList();
        Map<String, Integer> taken = new HashMap<>();
        List<String> walked = new ArrayList<>();
        for (Book b : books) {
            String group = maxPerFacet == null ? null : maxPerFacet.equals("authors") ? b.authors().get(0) : b.series();
            if (group != null) {
                if (taken.getOrDefault(group, 0) >= maxPer) {
                    continue;
                }
                taken.merge(group, 1, Integer::sum);
            }
            walked.add(b.id());
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

    @Test
    void filtersDiversityAndPagingMatchTheBruteForce() {
        Comparator<Book> order = byScore(READER);
        record Case(String filter, Predicate<Book> keep) {
        }
        List<Case> cases = List.of(
                new Case(MINE, b -> true),
                new Case(MINE + " and language = \"eng\"", b -> b.language().equals("eng")),
                new Case(MINE + " and attributes.price <= 20", b -> b.price() <= 20),
                new Case(MINE + " and price > 12 and price != 20", b -> b.price() > 12 && b.price() != 20),
                new Case(MINE + " and in_stock", Book::inStock),
                new Case(MINE + " and genres in (\"crime\", 'sci-fi')",
                        b -> b.genres().contains("crime") || b.genres().contains("sci-fi")),
                new Case(MINE + " and authors = \"Ada Ink\"", b -> b.authors().contains("Ada Ink")),
                new Case(MINE + " and (not in_stock or language = \"fre\") and not (price >= 30)",
                        b -> (!b.inStock() || b.language().equals("fre")) && !(b.price() >= 30)));
        for (Case c : cases) {
            for (String maxPer : new String[] {null, "authors:1", "series:2"}) {
                for (int offset : new int[] {0, 3}) {
                    Map<String, Object> params = new HashMap<>(Map.of("filter", c.filter(), "k", 5, "offset", offset));
                    if (maxPer != null) {
                        params.put("max_per", maxPer);
                    }
                    JsonPath answer = recommend("ctl-reader", params);
                    String facet = maxPer == null ? null : maxPer.substring(0, maxPer.indexOf(':'));
                    int n = maxPer == null ? 0 : Integer.parseInt(maxPer.substring(maxPer.indexOf(':') + 1));
                    assertThat(answer.getList("items.item_id", String.class)).as(c.filter() + " " + maxPer + " " + offset)
                            .isEqualTo(expected(order, c.keep(), facet, n, offset, 5));
                    assertThat(answer.getInt("model.passed_filter")).as(c.filter())
                            .isEqualTo((int) BOOKS.values().stream().filter(c.keep()).count());
                    assertThat(answer.getString("model.strategy")).isEqualTo("vector");
                    assertThat(answer.getString("model.constraints.filter")).isEqualTo(c.filter());
                    assertThat(answer.getString("model.constraints.max_per")).isEqualTo(maxPer);
                }
            }
        }
    }

    @Test
    void pagesTileTheSameExactOrdering() {
        List<String> all = recommend("ctl-reader", Map.of("filter", MINE, "k", 12, "max_per", "series:2"))
                .getList("items.item_id", String.class);
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 12; offset += 4) {
            paged.addAll(recommend("ctl-reader", Map.of("filter", MINE, "k", 4, "offset", offset, "max_per", "series:2"))
                    .getList("items.item_id", String.class));
        }
        assertThat(paged).isEqualTo(all).hasSize(12);
    }

    @Test
    void exclusionsFromTheQueryAndFromABodyAgree() {
        List<String> top = expected(byScore(READER), b -> true, null, 0, 0, 6);
        String excluded = top.get(0) + "," + top.get(2) + ",no-such-item";
        JsonPath viaGet = recommend("ctl-reader", Map.of("filter", MINE, "k", 4, "exclude_ids", excluded));
        Set<String> gone = Set.of(top.get(0), top.get(2));
        assertThat(viaGet.getList("items.item_id", String.class))
                .isEqualTo(expected(byScore(READER), b -> !gone.contains(b.id()), null, 0, 0, 4));
        assertThat(viaGet.getInt("model.passed_filter")).isEqualTo(ITEMS - 2);
        assertThat(viaGet.getInt("model.constraints.exclude_ids")).isEqualTo(3);

        List<String> many = new ArrayList<>(List.of(top.get(0), top.get(2)));
        for (int i = 0; many.size() < 10_000; i++) {
            many.add("filler-" + i);
        }
        JsonPath viaPost = given().contentType(ContentType.JSON)
                .body(Json.object().put("filter", MINE).put("k", 4).put("exclude_ids", Json.array(many.toArray())).toString())
                .post("/v1/users/ctl-reader/recommendations").then().statusCode(200).extract().jsonPath();
        assertThat(viaPost.getList("items.item_id", String.class)).isEqualTo(viaGet.getList("items.item_id", String.class));

        // exclude=seen takes the profile's purchased items out, and explain=true names the closest of them
        List<String> seenOut = recommend("ctl-reader", Map.of("filter", MINE, "k", 40, "exclude", "seen"))
                .getList("items.item_id", String.class);
        assertThat(seenOut).doesNotContain("ctl-03", "ctl-07").hasSize(ITEMS - 2);
    }

    @Test
    void explainNamesThePurchasedItemClosestToEachRecommendation() {
        JsonPath answer = recommend("ctl-reader", Map.of("filter", MINE, "k", 6, "explain", "true"));
        List<Map<String, Object>> items = answer.getList("items");
        assertThat(items).hasSize(6);
        for (Map<String, Object> item : items) {
            Book book = BOOKS.get((String) item.get("item_id"));
            @SuppressWarnings("unchecked")
            Map<String, Object> because = (Map<String, Object>) item.get("because");
            Book best = List.of(BOOKS.get("ctl-03"), BOOKS.get("ctl-07")).stream()
                    .min(Comparator.<Book>comparingLong(p -> -p.dot(book.embedding())).thenComparing(Book::id))
                    .orElseThrow();
            assertThat(because.get("item_id")).as(book.id()).isEqualTo(best.id());
            assertThat(because.get("title")).isEqualTo("Book " + Integer.parseInt(best.id().substring(4)));
            assertThat(((Number) because.get("similarity")).doubleValue()).isEqualTo((double) best.dot(book.embedding()));
        }
        // without explain, no reasons; a profile that bought nothing in the catalog gets none either
        assertThat(recommend("ctl-reader", Map.of("filter", MINE, "k", 3)).getList("items.because")).containsOnlyNulls();
    }

    @Test
    void coldStartAnswersByPopularityOrInterests() {
        Comparator<Book> popular = Comparator.<Book>comparingInt(b -> -b.popularity()).thenComparing(Book::id);
        for (String user : List.of("ctl-newer", "ctl-nobody-at-all")) {
            JsonPath answer = recommend(user, Map.of("filter", MINE + " and in_stock", "k", 7, "fallback", "popular"));
            assertThat(answer.getString("model.strategy")).isEqualTo("popular");
            assertThat(answer.getList("items.item_id", String.class))
                    .isEqualTo(expected(popular, Book::inStock, null, 0, 0, 7));
            assertThat(answer.getList("items.score", Float.class).get(0))
                    .isEqualTo((float) BOOKS.get(answer.getString("items[0].item_id")).popularity());
        }
        JsonPath interests = recommend("ctl-new", Map.of("filter", MINE, "k", 40, "fallback", "interests",
                "max_per", "authors:3"));
        assertThat(interests.getString("model.strategy")).isEqualTo("interests");
        Comparator<Book> crimeFirst = Comparator.<Book, Boolean>comparing(b -> !b.genres().contains("crime"))
                .thenComparing(popular);
        assertThat(interests.getList("items.item_id", String.class))
                .isEqualTo(expected(crimeFirst, b -> true, "authors", 3, 0, 40));
        // without fallback, today's answers stay
        given().get("/v1/users/ctl-newer/recommendations").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("fallback"));
        given().get("/v1/users/ctl-nobody-at-all/recommendations").then().statusCode(404)
                .contentType("application/problem+json");
        // a user with features is always scored by the vector
        assertThat(recommend("ctl-reader", Map.of("filter", MINE, "fallback", "popular")).getString("model.strategy"))
                .isEqualTo("vector");
    }

    @Test
    void similarItemsRankByTheItemsOwnEmbedding() {
        Book anchor = BOOKS.get("ctl-05");
        for (String maxPer : new String[] {null, "authors:1"}) {
            Map<String, Object> params = new HashMap<>(Map.of("filter", MINE + " and in_stock", "k", 6));
            if (maxPer != null) {
                params.put("max_per", maxPer);
            }
            JsonPath answer = given().queryParams(params).get("/v1/items/ctl-05/similar")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(answer.getString("item_id")).isEqualTo("ctl-05");
            assertThat(answer.getList("items.item_id", String.class)).doesNotContain("ctl-05")
                    .isEqualTo(expected(byScore(anchor.embedding()), b -> b.inStock() && b != anchor,
                            maxPer == null ? null : "authors", 1, 0, 6));
        }
        given().get("/v1/items/ctl-nope/similar").then().statusCode(404).contentType("application/problem+json");
        given().queryParam("fallback", "popular").get("/v1/items/ctl-05/similar").then().statusCode(200);
    }

    @Test
    void badControlsAreProblemsThatNameTheDefect() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("filter=language = ", "position");
        cases.put("filter=language == \"eng\"", "position");
        cases.put("filter=colour = \"red\"", "unknown facet 'colour'");
        cases.put("filter=price <= \"cheap\"", "position");
        cases.put("filter=(in_stock", "position");
        cases.put("filter=   ", "filter is empty");
        cases.put("max_per=colour:1", "unknown facet 'colour'");
        cases.put("max_per=price:1", "only text facets group");
        cases.put("max_per=authors", "max_per must be");
        cases.put("max_per=authors:0", "max_per must be");
        cases.put("offset=-1", "offset");
        cases.put("offset=999&k=2", "k + offset");
        cases.put("fallback=trending", "fallback must be");
        cases.put("explain=maybe", "explain must be");
        cases.put("exclude_ids=a,,b", "exclude_ids[1]");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String[] kv = c.getKey().split("&");
            var request = given();
            for (String pair : kv) {
                int eq = pair.indexOf('=');
                request = request.queryParam(pair.substring(0, eq), pair.substring(eq + 1));
            }
            request.get("/v1/users/ctl-reader/recommendations").then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString(c.getValue()));
        }
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= 10_000; i++) {
            tooMany.add("x" + i);
        }
        given().contentType(ContentType.JSON).body(Json.object().put("exclude_ids", Json.array(tooMany.toArray())).toString())
                .post("/v1/users/ctl-reader/recommendations").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("at most 10000"));
        given().contentType(ContentType.JSON).body("{\"k\": 3, \"colour\": \"red\"}")
                .post("/v1/users/ctl-reader/recommendations").then().statusCode(400)
                .body("detail", containsString("unknown field 'colour'"));
        given().contentType(ContentType.JSON).body("{\"k\": \"three\"}")
                .post("/v1/users/ctl-reader/recommendations").then().statusCode(400)
                .body("detail", equalTo("k must be an integer"));
        given().queryParam("filter", "language = ").get("/v1/items/ctl-05/similar").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void theCatalogNamesItsFacetsAndTheirKinds() {
        given().get("/v1/catalog").then().statusCode(200)
                .body("facets.authors", equalTo("text"))
                .body("facets.language", equalTo("text"))
                .body("facets.genres", equalTo("text"))
                .body("facets.price", equalTo("number"))
                .body("facets.in_stock", equalTo("boolean"))
                .body("facets.format", equalTo("none"));
    }

    @Test
    void metricsCountStrategiesAndFilterSelectivity() {
        recommend("ctl-reader", Map.of("filter", MINE + " and in_stock"));
        recommend("ctl-newer", Map.of("filter", MINE, "fallback", "popular"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("recommend_filter_selectivity_count", "recommend_strategy_total{strategy=\"vector\"",
                "recommend_strategy_total{strategy=\"popular\"", "recommend_scan_total{scan=\"full\"");
    }
}
